import { DelimitedTextEncoder } from './delimitedText.ts';

/** ClickHouse TabSeparated: DateTime as ten-digit unix seconds, strings with \t \n \\ escaped. */
export class TabSeparatedEncoder extends DelimitedTextEncoder {
  constructor() {
    super({ clickhouseFormat: 'TabSeparated', separator: '\t', escapeText: escape, header: new Uint8Array(0) });
  }
}

function escape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
