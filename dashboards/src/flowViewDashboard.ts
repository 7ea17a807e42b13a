import { displayName, displayNameOverrides, seriesName } from './fieldNames.ts';
import { dashboard, layout, type Json, type Panel, type PanelSize } from './grafanaJson.ts';
import { drillDown, linksOnFields, pieChart, sankey, table, timeseries } from './panels.ts';
import { flowsTarget, type FlowsQuestion, type View } from './queries.ts';
import { commonVariables, podsFilter, podsVariable } from './variables.ts';

interface FlowViewSpec {
  uid: string;
  title: string;
  description: string;
  view: View;
  /** Builder group-by fields for the two ends, e.g. sourcePod → destinationService. */
  source: string;
  target: string;
  /** Readable names of the ends for titles: "pod", "Service", "external IP". */
  sourceNoun: string;
  targetNoun: string;
  /** Which variable a click on a node sets in the flow-records dashboard, per end (when it is a pod). */
  podEnds?: Array<'source' | 'target'>;
  /** Builder fields to share the bytes out by, one pie each (e.g. source and destination namespace). */
  pies: string[];
  /** How this view's traffic differs from the Theia dashboard of the same name, for the Sankeys. */
  theiaDifference: string;
  /** Offer the `pods` variable (a regex the service map's links set) and filter every panel by it. */
  podsVariable?: boolean;
}

const flowRecordsLink = [drillDown('Flow records of ${__value.raw}', 'flowlens-flow-records', 'pod')];

/** "Bytes by destination namespace": the share of bytes per value of one builder field. */
function bytesPie(target: (question: FlowsQuestion) => Json, view: View, field: string): Panel {
  return pieChart({
    title: `Bytes by ${displayName(field).toLowerCase()}`,
    description: 'Share of the bytes sent (forward direction) in the time range; the 20 largest.',
    unit: 'bytes',
    targets: [target({ view, metric: 'bytes', groupBy: [field], topN: 20 })],
    overrides: displayNameOverrides(['bytes']),
  });
}

/**
 * The pod-to-pod, pod-to-service, pod-to-external and node-to-node dashboards ask the same questions
 * of different views: who talks to whom (Sankeys of both directions), throughput per pair and per end
 * over time, the reverse direction, breakdowns, and the top pairs as a table.
 */
export function flowViewDashboard(spec: FlowViewSpec): Json {
  const pair = [spec.source, spec.target];
  const linked = (spec.podEnds ?? []).map((end) => (end === 'source' ? spec.source : spec.target));
  const ends = { view: spec.view };
  const target = (question: FlowsQuestion, refId?: string) =>
    flowsTarget(
      spec.podsVariable ? { ...question, filters: [podsFilter, ...(question.filters ?? [])] } : question,
      refId
    );
  const hoverHint = `Hover a node to follow its paths${linked.length ? '; click a pod for its flow records' : ''}.`;
  // One pie keeps the table beside it; more fill a row of their own and the table takes the next.
  const pieSize: PanelSize = { w: spec.pies.length === 1 ? 8 : 24 / spec.pies.length, h: 10 };
  const tableSize: PanelSize = { w: spec.pies.length === 1 ? 16 : 24, h: 10 };
  return dashboard({
    uid: spec.uid,
    title: spec.title,
    description: `${spec.description} ${spec.theiaDifference}${spec.podsVariable ? ' The Pods box (a regular expression on namespace/name, either end; the service map sets it) narrows every panel.' : ''}`,
    variables: spec.podsVariable ? [...commonVariables, podsVariable] : commonVariables,
    panels: layout([
      [
        {
          size: { w: 24, h: 14 },
          panel: sankey({
            title: `Bytes from ${spec.sourceNoun} to ${spec.targetNoun}`,
            description: `Top 50 ${spec.sourceNoun} → ${spec.targetNoun} links by the bytes the ${spec.sourceNoun} sent (forward counters; replies are in the reverse Sankey below); the rest are folded into "Other". ${hoverHint} ${spec.theiaDifference}`,
            unit: 'bytes',
            targets: [target({ ...ends, metric: 'bytes', groupBy: pair, topN: 500 })],
            source: spec.source,
            target: spec.target,
            value: 'bytes',
            topLinks: 50,
            overrides: [...displayNameOverrides([...pair, 'bytes']), ...linksOnFields(linked, flowRecordsLink)],
          }),
        },
      ],
      [
        {
          size: { w: 24, h: 12 },
          // Replies flow from the destination back to the source, so the columns swap sides.
          panel: sankey({
            title: `Reverse bytes: replies from ${spec.targetNoun} to ${spec.sourceNoun}`,
            description: `The same connections sized by the bytes the ${spec.targetNoun} sent back (reverse counters, reverseOctetDeltaCount), drawn from ${spec.targetNoun} to ${spec.sourceNoun}; connections that got no reply are left out. Top 50 links; the rest are folded into "Other". ${hoverHint} ${spec.theiaDifference}`,
            unit: 'bytes',
            targets: [
              target({
                ...ends,
                metric: 'reverseBytes',
                groupBy: pair,
                topN: 500,
                filters: [{ key: 'reverseOctetDeltaCount', operator: '>', value: '0' }],
              }),
            ],
            source: spec.target,
            target: spec.source,
            value: 'reverseBytes',
            topLinks: 50,
            overrides: [...displayNameOverrides([...pair, 'reverseBytes']), ...linksOnFields(linked, flowRecordsLink)],
          }),
        },
      ],
      [
        {
          size: { w: 12, h: 9 },
          panel: timeseries({
            title: `Throughput per ${spec.sourceNoun} → ${spec.targetNoun} pair`,
            description:
              "The ten busiest pairs, in bits per second: each record's bytes × 8, spread over the seconds the record covers (see the dashboards README).",
            unit: 'bps',
            targets: [target({ ...ends, metric: 'throughput', groupBy: pair, topN: 10, format: 'timeseries' })],
            overrides: seriesName(...pair),
          }),
        },
        {
          size: { w: 12, h: 9 },
          panel: timeseries({
            title: `Reverse throughput per pair (${spec.targetNoun} → ${spec.sourceNoun})`,
            description:
              'Replies: the reverse direction of the same connections, from the reverse counters (only connections that answered).',
            unit: 'bps',
            targets: [
              target({
                ...ends,
                metric: 'reverseThroughput',
                groupBy: pair,
                topN: 10,
                format: 'timeseries',
                filters: [{ key: 'reverseOctetDeltaCount', operator: '>', value: '0' }],
              }),
            ],
            overrides: seriesName(...pair),
          }),
        },
      ],
      [
        {
          size: { w: 12, h: 9 },
          panel: timeseries(
            {
              title: `Throughput sent per ${spec.sourceNoun}`,
              description: `The ten ${spec.sourceNoun}s that sent the most, in bits per second.`,
              unit: 'bps',
              targets: [
                target({ ...ends, metric: 'throughput', groupBy: [spec.source], topN: 10, format: 'timeseries' }),
              ],
              overrides: seriesName(spec.source),
            },
            true
          ),
        },
        {
          size: { w: 12, h: 9 },
          panel: timeseries(
            {
              title: `Throughput received per ${spec.targetNoun}`,
              description: `The ten ${spec.targetNoun}s that received the most, in bits per second.`,
              unit: 'bps',
              targets: [
                target({ ...ends, metric: 'throughput', groupBy: [spec.target], topN: 10, format: 'timeseries' }),
              ],
              overrides: seriesName(spec.target),
            },
            true
          ),
        },
      ],
      [
        ...spec.pies.map((field) => ({ size: pieSize, panel: bytesPie(target, spec.view, field) })),
        {
          size: tableSize,
          panel: table(
            {
              title: `Top ${spec.sourceNoun} → ${spec.targetNoun} pairs`,
              description: 'Bytes, packets, reverse bytes and distinct connections per pair, busiest first.',
              targets: [target({ ...ends, metric: 'bytes', groupBy: pair, topN: 100 }, 'A')],
              unit: 'bytes',
              overrides: [...displayNameOverrides([...pair, 'bytes']), ...linksOnFields(linked, flowRecordsLink)],
            },
            'Bytes'
          ),
        },
      ],
    ]),
  });
}
