import { flowColumns } from '../columns.ts';
import { DelimitedTextEncoder } from './delimitedText.ts';

/** RFC 4180 CSV with a header line naming the columns; times are unix seconds, zero-padded to ten digits. */
export class CsvEncoder extends DelimitedTextEncoder {
  constructor() {
    super({
      clickhouseFormat: 'CSV',
      separator: ',',
      escapeText: quote,
      header: Buffer.from(flowColumns.map((column) => column.name).join(',') + '\n'),
    });
  }
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) || text.trim() !== text ? `"${text.replace(/"/g, '""')}"` : text;
}
