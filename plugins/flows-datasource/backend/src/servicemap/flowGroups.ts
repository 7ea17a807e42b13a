import type { Frame } from '../frames/frame.ts';
import { serviceMapColumns } from './serviceMapSql.ts';

/** One row of the service map query: who talked to whom (through which Service), with its counts. */
export interface FlowGroup {
  source: FlowEnd;
  destination: FlowEnd;
  /** `namespace/service:port` when the flow went through a Service, else empty. */
  servicePortName: string;
  /** A NetworkPolicy rule dropped or rejected it (either side). */
  denied: boolean;
  /** The records ended inside the time range (the rest only add to the rate). */
  inRange: boolean;
  bytes: number;
  bitsPerSecond: number;
  flows: number;
  connections: number;
}

/** A pod (namespace, name and labels as far as the grouping asked for them) or an address outside the cluster. */
export type FlowEnd =
  { kind: 'pod'; namespace: string; podName: string; labelsJson: string } | { kind: 'external'; ip: string };

/** Reads the query's rows; columns the grouping left out read as empty. */
export function flowGroups(frame: Pick<Frame, 'fields'>): FlowGroup[] {
  const byName = new Map(frame.fields.map((field) => [field.name, field.values]));
  const required = [serviceMapColumns.bytes, serviceMapColumns.connections, serviceMapColumns.inRange];
  for (const name of required) {
    if (!byName.has(name)) throw new Error(`the service map query returned no "${name}" column`);
  }
  const rows = byName.get(serviceMapColumns.bytes)!.length;
  const text = (name: string, row: number) => String(byName.get(name)?.get(row) ?? '');
  const number = (name: string, row: number) => Number(byName.get(name)?.get(row) ?? 0);
  const end = (side: 'source' | 'destination', row: number): FlowEnd => {
    const columns =
      side === 'source'
        ? {
            namespace: serviceMapColumns.sourceNamespace,
            pod: serviceMapColumns.sourcePod,
            labels: serviceMapColumns.sourceLabels,
            address: serviceMapColumns.sourceAddress,
          }
        : {
            namespace: serviceMapColumns.destinationNamespace,
            pod: serviceMapColumns.destinationPod,
            labels: serviceMapColumns.destinationLabels,
            address: serviceMapColumns.destinationAddress,
          };
    const namespace = text(columns.namespace, row);
    return namespace === ''
      ? { kind: 'external', ip: text(columns.address, row) }
      : { kind: 'pod', namespace, podName: text(columns.pod, row), labelsJson: text(columns.labels, row) };
  };
  const groups: FlowGroup[] = [];
  for (let row = 0; row < rows; row++) {
    groups.push({
      source: end('source', row),
      destination: end('destination', row),
      servicePortName: text(serviceMapColumns.service, row),
      denied: number(serviceMapColumns.denied, row) === 1,
      inRange: number(serviceMapColumns.inRange, row) === 1,
      bytes: number(serviceMapColumns.bytes, row),
      bitsPerSecond: number(serviceMapColumns.bitsPerSecond, row),
      flows: number(serviceMapColumns.flows, row),
      connections: number(serviceMapColumns.connections, row),
    });
  }
  return groups;
}
