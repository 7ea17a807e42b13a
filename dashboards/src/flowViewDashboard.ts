import { displayNameOverrides, seriesName } from './fieldNames.ts';
import { dashboard, layout, type Json } from './grafanaJson.ts';
import { drillDown, linksOnFields, pieChart, sankey, table, timeseries } from './panels.ts';
import { flowsTarget, type View } from './queries.ts';
import { commonVariables } from './variables.ts';

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
}

const flowRecordsLink = [drillDown('Flow records of ${__value.raw}', 'flowlens-flow-records', 'pod')];

/**
 * The pod-to-pod, pod-to-service, pod-to-external and node-to-node dashboards ask the same questions
 * of different views: who talks to whom (Sankey), throughput per pair and per end over time, the
 * reverse direction, a breakdown, and the top pairs as a table.
 */
export function flowViewDashboard(spec: FlowViewSpec): Json {
  const pair = [spec.source, spec.target];
  const linked = (spec.podEnds ?? []).map((end) => (end === 'source' ? spec.source : spec.target));
  const ends = { view: spec.view };
  return dashboard({
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    variables: commonVariables,
    panels: layout([
      [
        {
          size: { w: 24, h: 14 },
          panel: sankey({
            title: `Bytes from ${spec.sourceNoun} to ${spec.targetNoun}`,
            description: `Top 50 ${spec.sourceNoun} → ${spec.targetNoun} links by bytes; the rest are folded into "Other". Hover a node to follow its paths${linked.length ? '; click a pod for its flow records' : ''}.`,
            unit: 'bytes',
            targets: [flowsTarget({ ...ends, metric: 'bytes', groupBy: pair, topN: 500 })],
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
          size: { w: 12, h: 9 },
          panel: timeseries({
            title: `Throughput per ${spec.sourceNoun} → ${spec.targetNoun} pair`,
            description: 'The ten busiest pairs, in bits per second (bytes in each interval × 8 ÷ its seconds).',
            unit: 'bps',
            targets: [flowsTarget({ ...ends, metric: 'throughput', groupBy: pair, topN: 10, format: 'timeseries' })],
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
              flowsTarget({
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
                flowsTarget({ ...ends, metric: 'throughput', groupBy: [spec.source], topN: 10, format: 'timeseries' }),
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
                flowsTarget({ ...ends, metric: 'throughput', groupBy: [spec.target], topN: 10, format: 'timeseries' }),
              ],
              overrides: seriesName(spec.target),
            },
            true
          ),
        },
      ],
      [
        {
          size: { w: 8, h: 10 },
          panel: pieChart({
            title: 'Bytes by source namespace',
            description: 'Share of the bytes in the time range.',
            unit: 'bytes',
            targets: [flowsTarget({ ...ends, metric: 'bytes', groupBy: ['sourceNamespace'], topN: 20 })],
            overrides: displayNameOverrides(['bytes']),
          }),
        },
        {
          size: { w: 16, h: 10 },
          panel: table(
            {
              title: `Top ${spec.sourceNoun} → ${spec.targetNoun} pairs`,
              description: 'Bytes, packets, reverse bytes and distinct connections per pair, busiest first.',
              targets: [flowsTarget({ ...ends, metric: 'bytes', groupBy: pair, topN: 100 }, 'A')],
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
