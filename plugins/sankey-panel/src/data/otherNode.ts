import type { SankeyNode } from './types';

/** One "Other" bucket per column; its key cannot clash with a real node named "Other". */
export function otherNode(column: number, label: string, folded: number): SankeyNode {
  return { key: `${column}\u0001other`, column, name: label, isOther: true, folded };
}
