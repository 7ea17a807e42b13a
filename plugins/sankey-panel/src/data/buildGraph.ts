import { type DataFrame, getFieldDisplayName } from '@grafana/data';
import type { SankeyOptions } from '../types';
import { collectPaths } from './collectPaths';
import { catalogDimensions } from './dimensionCatalog';
import { hideSmallLinks } from './minimumValue';
import { resolveRoles } from './resolveRoles';
import { skippedSummary } from './skippedSummary';
import { buildStageLinks } from './stageLinks';
import { foldIntoOther } from './topLinks';
import type { GraphResult, SankeyNotes } from './types';

type GraphOptions = Pick<
  SankeyOptions,
  | 'sourceField'
  | 'targetField'
  | 'hopFields'
  | 'valueField'
  | 'valueReducer'
  | 'emptyNames'
  | 'emptyLabel'
  | 'topLinks'
  | 'otherLabel'
  | 'minValue'
>;

/**
 * Query result → the graph to draw: which fields play which role, paths reduced per source → …
 * → target, small links hidden, the rest beyond the top links folded into "Other". Never throws
 * on data: every way the data can fall short becomes a result the panel can show.
 */
export function buildGraph(frames: DataFrame[], options: GraphOptions): GraphResult {
  if (!frames.some((frame) => frame.length > 0 && frame.fields.length > 0)) {
    return { kind: 'noData' };
  }
  const catalog = catalogDimensions(frames);
  const roles = resolveRoles(options, catalog, frames);
  if (!roles.ok) {
    return roles.problem;
  }
  const collected = collectPaths(frames, roles.columns, roles.valueField, options);
  const { graph: staged, zero } = buildStageLinks(collected);
  const { graph: large, hidden } = hideSmallLinks(staged, options.minValue);
  const { graph, folded } = foldIntoOther(large, options.topLinks, options.otherLabel);
  const notes: SankeyNotes = {
    skipped: { ...collected.skipped, zero },
    belowMinimum: hidden,
    foldedIntoOther: folded,
    ignoredFrames: collected.ignoredFrames,
  };
  const valueField = collected.valueField;
  if (graph.links.length === 0 || !valueField) {
    const reasons = skippedSummary(notes, options.otherLabel);
    return {
      kind: 'problem',
      message: `Nothing to draw for ${roles.columns.join(' → ')}. ${reasons.join(' ') || 'No row had a value.'}`,
    };
  }
  return {
    kind: 'graph',
    graph: {
      columns: roles.columns.map((name, column) => {
        const field = collected.columnFields[column];
        return { name, title: field ? getFieldDisplayName(field) : name, field };
      }),
      nodes: graph.nodes,
      links: graph.links,
      paths: graph.paths,
      valueField,
      total: collected.values.reduce((sum, value) => sum + value, 0),
      notes,
    },
  };
}
