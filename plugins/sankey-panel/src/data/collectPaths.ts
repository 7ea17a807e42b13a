import { type DataFrame, type Field, FieldType } from '@grafana/data';
import type { SankeyOptions } from '../types';
import { fieldMatches } from './fieldNames';
import { NameTable } from './nameTable';
import { PathTrie } from './pathTrie';
import { sampleValue, noneSkipped } from './sampleValue';
import type { SkippedValues } from './types';
import { addSample, newAccumulator, reduceAccumulator, type ValueAccumulator } from './valueReducer';

/** Where a path was first seen, so its nodes and links can offer that row's data links. */
export interface PathOrigin {
  /** The frame's field for each column; undefined where the column came from a label. */
  columnFields: Array<Field | undefined>;
  valueField: Field;
  row: number;
}

export interface CollectedPaths {
  columnCount: number;
  /** The distinct names of each column; paths refer to them by index. */
  columnNames: string[][];
  /** ids[p * columnCount + c] is path p's name index in column c; −1 where an empty name is skipped. */
  ids: number[];
  values: number[];
  origins: PathOrigin[];
  skipped: SkippedValues;
  ignoredFrames: string[];
  /** The first value field read, and the first field found for each column (titles, mappings). */
  valueField?: Field;
  columnFields: Array<Field | undefined>;
}

type PathOptions = Pick<SankeyOptions, 'valueReducer' | 'emptyNames' | 'emptyLabel'>;

type ColumnSource = { kind: 'field'; field: Field } | { kind: 'label'; key: string };

function columnSources(frame: DataFrame, frames: DataFrame[], columns: string[]): Array<ColumnSource | undefined> {
  return columns.map((name) => {
    const field = frame.fields.find((f) => f.type !== FieldType.time && fieldMatches(name, f, frame, frames));
    return field ? { kind: 'field', field } : { kind: 'label', key: name };
  });
}

/**
 * Table frames size links by one number field per row; time series frames (names in labels) have
 * one number field per series and all of them count.
 */
function valueFieldsOf(frame: DataFrame, frames: DataFrame[], valueName: string | undefined, columnFields: Field[]) {
  const numbers = frame.fields.filter((f) => f.type === FieldType.number && !columnFields.includes(f));
  if (valueName) {
    return numbers.filter((f) => fieldMatches(valueName, f, frame, frames));
  }
  return columnFields.length > 0 ? numbers.slice(0, 1) : numbers;
}

/**
 * Reads every frame into distinct paths (one per combination of column names) with the reducer
 * applied to their samples. Aggregating here, before any layout, is what keeps big queries fast.
 */
export function collectPaths(
  frames: DataFrame[],
  columns: string[],
  valueName: string | undefined,
  options: PathOptions
): CollectedPaths {
  const columnCount = columns.length;
  const tables = columns.map(() => new NameTable(options.emptyNames === 'skip' ? null : options.emptyLabel));
  const trie = new PathTrie();
  const ids: number[] = [];
  const accumulators: ValueAccumulator[] = [];
  const origins: PathOrigin[] = [];
  const skipped = noneSkipped();
  const ignoredFrames: string[] = [];
  const firstColumnFields: Array<Field | undefined> = new Array(columnCount).fill(undefined);
  let firstValueField: Field | undefined;
  const rowIds = new Int32Array(columnCount);

  frames.forEach((frame, frameIndex) => {
    const frameLabel = frame.refId ?? frame.name ?? `frame ${frameIndex + 1}`;
    const sources = columnSources(frame, frames, columns);
    const columnFields = sources.map((source) => (source?.kind === 'field' ? source.field : undefined));
    const valueFields = valueFieldsOf(
      frame,
      frames,
      valueName,
      columnFields.filter((f): f is Field => !!f)
    );
    if (valueFields.length === 0) {
      if (frame.length > 0) {
        ignoredFrames.push(`${frameLabel} has no ${valueName ? `"${valueName}"` : 'number'} field`);
      }
      return;
    }
    const isSeries = columnFields.every((field) => field === undefined);
    const times = frame.fields.find((f) => f.type === FieldType.time)?.values;
    let missing: string | undefined;

    for (const valueField of valueFields) {
      const missingColumn = sources.findIndex(
        (source) => source?.kind === 'label' && valueField.labels?.[source.key] === undefined
      );
      if (missingColumn >= 0) {
        missing ??= columns[missingColumn];
        continue;
      }
      firstValueField ??= valueField;
      columnFields.forEach((field, column) => (firstColumnFields[column] ??= field));
      const values = valueField.values;
      // Label columns name the whole series: their ids are the same on every row.
      const columnValues = sources.map((source) => (source?.kind === 'field' ? source.field.values : undefined));
      const seriesIds = sources.map((source, column) =>
        source?.kind === 'label' ? tables[column]!.idOfRaw(valueField.labels?.[source.key]) : -1
      );
      for (let row = 0; row < values.length; row++) {
        const value = sampleValue(values[row]);
        if (typeof value !== 'number') {
          // Gaps in time series are normal, not bad data worth a note.
          if (!(value === 'null' && isSeries)) {
            skipped[value]++;
          }
          continue;
        }
        let named = 0;
        for (let column = 0; column < columnCount; column++) {
          const fieldValues = columnValues[column];
          const id = fieldValues ? tables[column]!.idOfRaw(fieldValues[row]) : seriesIds[column]!;
          rowIds[column] = id;
          named += id >= 0 ? 1 : 0;
        }
        if (named < 2) {
          skipped.unnamed++;
          continue;
        }
        const { index: path, added } = trie.indexOf(rowIds);
        if (added) {
          for (let column = 0; column < columnCount; column++) {
            ids.push(rowIds[column]!);
          }
          accumulators.push(newAccumulator());
          origins.push({ columnFields, valueField, row });
        }
        const time = typeof times?.[row] === 'number' ? (times[row] as number) : row;
        addSample(accumulators[path]!, value, time);
      }
    }
    if (missing !== undefined) {
      ignoredFrames.push(`${frameLabel} has no "${missing}" field or label`);
    }
  });

  const values = accumulators.map((accumulator) => reduceAccumulator(accumulator, options.valueReducer));
  return {
    columnCount,
    columnNames: tables.map((table) => table.names),
    ids,
    values,
    origins,
    skipped,
    ignoredFrames,
    valueField: firstValueField,
    columnFields: firstColumnFields,
  };
}
