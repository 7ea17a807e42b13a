import {
  AsyncByteQueue,
  Field,
  makeData,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Table,
  type Data,
} from 'apache-arrow';
import type { Frame, FrameField } from '../frames/frame.ts';

/**
 * Encodes a frame the way grafana-plugin-sdk-go's Frame.MarshalArrow does: Arrow IPC *file* bytes,
 * schema metadata `name`, `refId`, `meta` (JSON), field metadata `tstype`, `labels`, `config` (JSON).
 * Column data is passed through untouched, so a result that arrived as Arrow is never copied.
 */
export function encodeFrame(frame: Frame): Uint8Array {
  return Buffer.concat(encodeFrameChunks(frame));
}

/**
 * The same bytes as a list of chunks: Arrow's writer emits headers and column buffers one by one,
 * and the column buffers are views of the query result. Keeping them as chunks lets the response
 * serializer copy each byte once, straight into the gRPC message.
 */
export function encodeFrameChunks(frame: Frame): Uint8Array[] {
  const fields = frame.fields.map(arrowField);
  const schemaMetadata = new Map<string, string>([
    ['name', frame.name ?? ''],
    ['refId', frame.refId ?? ''],
  ]);
  if (frame.meta) {
    schemaMetadata.set('meta', JSON.stringify(frame.meta));
  }
  const schema = new Schema(fields, schemaMetadata);
  const batches = alignedChunks(frame.fields).map((children) => {
    const length = children[0]?.length ?? 0;
    const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
    return new RecordBatch(schema, data);
  });
  const sink = new ChunkCollector();
  const writer = new RecordBatchFileWriter();
  writer.reset(sink);
  writer.write(new Table(schema, batches));
  writer.finish();
  return sink.chunks;
}

/** A sink that keeps the writer's chunks as they are instead of joining them. */
class ChunkCollector extends AsyncByteQueue {
  readonly chunks: Uint8Array[] = [];

  override write(value: Uint8Array): void {
    if (value.byteLength > 0) {
      this.chunks.push(value);
    }
  }
}

function arrowField(field: FrameField): Field {
  const metadata = new Map<string, string>([['tstype', field.kind]]);
  if (field.labels && Object.keys(field.labels).length > 0) {
    metadata.set('labels', JSON.stringify(field.labels));
  }
  if (field.config && Object.keys(field.config).length > 0) {
    metadata.set('config', JSON.stringify(field.config));
  }
  // Grafana's decoder picks nullable vectors from this flag; declare it whenever a null can appear.
  const nullable = field.nullable ?? field.values.nullCount > 0;
  return new Field(field.name, field.values.type, nullable, metadata);
}

/**
 * Record batches need every column cut at the same rows. Columns from one Arrow stream already are;
 * columns built here are one chunk each. Anything else is a bug upstream, reported as such.
 */
function alignedChunks(fields: FrameField[]): Data[][] {
  if (fields.length === 0) {
    return [[]];
  }
  const chunkLengths = fields[0]!.values.data.map((chunk) => chunk.length);
  for (const field of fields) {
    const lengths = field.values.data.map((chunk) => chunk.length);
    if (lengths.length !== chunkLengths.length || lengths.some((length, i) => length !== chunkLengths[i])) {
      throw new Error(`frame field "${field.name}" is chunked differently from "${fields[0]!.name}"`);
    }
  }
  if (chunkLengths.length === 0) {
    return [fields.map((field) => makeData({ type: field.values.type, length: 0, nullCount: 0 }) as Data)];
  }
  return chunkLengths.map((_, chunk) => fields.map((field) => field.values.data[chunk]!));
}
