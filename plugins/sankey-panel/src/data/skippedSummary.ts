import type { SankeyNotes } from './types';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

/**
 * One short sentence per kind of thing left out, in the order a user would check them; empty when
 * everything in the query is drawn.
 */
export function skippedSummary(notes: SankeyNotes, otherLabel: string): string[] {
  const { skipped } = notes;
  const values = [
    skipped.null > 0 ? `${skipped.null.toLocaleString('en-US')} null` : '',
    skipped.nan > 0 ? `${skipped.nan.toLocaleString('en-US')} not a number` : '',
    skipped.negative > 0 ? `${skipped.negative.toLocaleString('en-US')} negative` : '',
  ].filter(Boolean);
  return [
    values.length > 0 ? `Skipped values: ${values.join(', ')}.` : '',
    skipped.unnamed > 0 ? `${plural(skipped.unnamed, 'row')} had fewer than two names.` : '',
    skipped.zero > 0 ? `${plural(skipped.zero, 'path')} added up to 0.` : '',
    notes.belowMinimum > 0 ? `${plural(notes.belowMinimum, 'link')} below the minimum value hidden.` : '',
    notes.foldedIntoOther > 0 ? `${plural(notes.foldedIntoOther, 'smaller link')} folded into "${otherLabel}".` : '',
    ...notes.ignoredFrames.map((reason) => `Ignored: ${reason}.`),
  ].filter(Boolean);
}
