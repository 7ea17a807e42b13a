import type { Frame } from '../frames/frame.ts';
import { columnArray } from './columnArrays.ts';
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
  const byName = new Map(frame.fields.map((field) => [field.name, columnArray(field.values)]));
  const required = [serviceMapColumns.bytes, serviceMapColumns.connections, serviceMapColumns.inRange];
  for (const name of required) {
    if (!byName.has(name)) throw new Error(`the service map query returned no "${name}" column`);
  }
  const rows = byName.get(serviceMapColumns.bytes)!.length;
  const column = (name: string) => byName.get(name) ?? [];
  const text = (values: unknown[], row: number) => {
    const value = values[row];
    return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  };
  const number = (values: unknown[], row: number) => Number(values[row] ?? 0);
  const ends = (['source', 'destination'] as const).map((side) => ({
    namespace: column(serviceMapColumns[`${side}Namespace`]),
    pod: column(serviceMapColumns[`${side}Pod`]),
    labels: column(serviceMapColumns[`${side}Labels`]),
    address: column(serviceMapColumns[`${side}Address`]),
  }));
  const end = (side: 0 | 1, row: number): FlowEnd => {
    const columns = ends[side]!;
    const namespace = text(columns.namespace, row);
    return namespace === ''
      ? { kind: 'external', ip: text(columns.address, row) }
      : { kind: 'pod', namespace, podName: text(columns.pod, row), labelsJson: text(columns.labels, row) };
  };
  const [service, denied, inRange, bytes, bitsPerSecond, flows, connections] = [
    serviceMapColumns.service,
    serviceMapColumns.denied,
    serviceMapColumns.inRange,
    serviceMapColumns.bytes,
    serviceMapColumns.bitsPerSecond,
    serviceMapColumns.flows,
    serviceMapColumns.connections,
  ].map(column) as [unknown[], unknown[], unknown[], unknown[], unknown[], unknown[], unknown[]];
  const groups: FlowGroup[] = new Array(rows);
  for (let row = 0; row < rows; row++) {
    groups[row] = {
      source: end(0, row),
      destination: end(1, row),
      servicePortName: text(service, row),
      denied: number(denied, row) === 1,
      inRange: number(inRange, row) === 1,
      bytes: number(bytes, row),
      bitsPerSecond: number(bitsPerSecond, row),
      flows: number(flows, row),
      connections: number(connections, row),
    };
  }
  return groups;
}
