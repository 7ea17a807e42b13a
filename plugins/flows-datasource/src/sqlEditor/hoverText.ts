import { knownFlowColumn } from '@flowlens/flow-schema';
import { macros } from './macros';

/**
 * Markdown shown when hovering a word in the SQL editor: a macro's usage and meaning, or what a flows
 * column's codes mean (flowType 3 = to external…). Undefined when there is nothing useful to say.
 */
export function hoverText(word: string, precededByDollar: boolean): string[] | undefined {
  if (precededByDollar && word.startsWith('__')) {
    const macro = macros.find((candidate) => candidate.name === word.slice(2));
    return macro ? [`**${macro.usage}**`, macro.description, `Example: \`${macro.example}\``] : undefined;
  }
  const column = knownFlowColumn(word);
  return column?.meaning ? [`**${column.name}** (${column.kind})`, column.meaning] : undefined;
}
