import { type DataFrame } from '@grafana/data';
import { type ChordOptions } from '../types';
import { findNamed, type FlowFields, resolveFieldRoles } from './fieldRoles';
import { collectFlowPairs, keepPairsAtLeast } from './flowPairs';
import { type ChordGroup, type ChordPair, keepTopGroups } from './otherGroup';
import { describeSkipped, noSkippedRows, type SkippedRows } from './skippedRows';

/** Everything the chord shows, before any geometry: groups (arcs), pairs (ribbons) and their rows. */
export interface ChordModel {
  frames: FlowFields[];
  groups: ChordGroup[];
  pairs: ChordPair[];
  skipped: SkippedRows;
  /** Things the user may want to fix that did not stop the chord from drawing. */
  notices: string[];
}

export type ChordData =
  { kind: 'noData' } | { kind: 'problem'; message: string } | { kind: 'model'; model: ChordModel };

function noticesForOptionalFields(frames: FlowFields[], series: DataFrame[], options: ChordOptions): string[] {
  const notices: string[] = [];
  if (options.colorBy === 'field') {
    if (!options.colorField) {
      notices.push('Color by field needs a color field: pick one under Colors › Color field.');
    } else if (!frames.some((fields) => fields.color)) {
      notices.push(`Color field "${options.colorField}" is not in the data; ribbons use group colors.`);
    }
  }
  const absent = (options.detailFields ?? []).filter(
    (name) => !frames.some((fields) => findNamed(name, fields.frame, series) !== undefined)
  );
  if (absent.length > 0) {
    notices.push(
      `Detail ${absent.length === 1 ? 'field' : 'fields'} ${absent.map((n) => `"${n}"`).join(', ')} not in the data.`
    );
  }
  return notices;
}

/**
 * Frames → chord model: resolves fields per frame (frames without usable fields are left out with a
 * notice), sums rows per pair, applies self-flow and minimum filters, then keeps the top groups.
 */
export function buildChordModel(series: DataFrame[], options: ChordOptions): ChordData {
  const withRows = series.filter((frame) => frame.length > 0);
  if (withRows.length === 0) {
    return { kind: 'noData' };
  }
  const frames: FlowFields[] = [];
  const problems: string[] = [];
  series.forEach((frame, index) => {
    if (frame.length === 0) {
      return;
    }
    const result = resolveFieldRoles(frame, index, series, options);
    if (result.ok) {
      frames.push(result.fields);
    } else {
      problems.push(result.problem);
    }
  });
  if (frames.length === 0) {
    return { kind: 'problem', message: [...new Set(problems)].join(' ') };
  }

  const skipped = noSkippedRows();
  const allPairs = collectFlowPairs(frames, options.selfFlows, skipped);
  const pairs = keepPairsAtLeast(allPairs, options.minValue, skipped);
  if (pairs.length === 0) {
    const reasons = describeSkipped(skipped);
    return {
      kind: 'problem',
      message: `No flow left to draw: ${reasons.length > 0 ? reasons.join('; ') : 'every value is zero'}.`,
    };
  }
  const top = keepTopGroups(pairs, options.topGroups);
  const notices = [
    ...problems.map((problem) => `${problem} It was left out.`),
    ...noticesForOptionalFields(frames, series, options),
  ];
  return { kind: 'model', model: { frames, groups: top.groups, pairs: top.pairs, skipped, notices } };
}
