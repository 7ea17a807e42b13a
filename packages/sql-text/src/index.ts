export { literalAt, skipLiteral, type LiteralKind, type LiteralSpan } from './literals.ts';
export { dollarQuoteOpenerAt } from './dollarQuotes.ts';
export { macroCallAt, type MacroArgument, type MacroCall } from './macroCalls.ts';
export { rewriteCode, type Replacement } from './rewriteCode.ts';
