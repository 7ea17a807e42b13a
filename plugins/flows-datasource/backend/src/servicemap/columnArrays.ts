import { DataType, type Vector } from 'apache-arrow';

/**
 * A result column as a plain array, read once. Reading an Arrow vector row by row (get, or its
 * iterator) decodes each string through a TextDecoder call, which dominated building a map from
 * 150,000 groups; Node's Buffer decodes a UTF-8 slice natively, several times faster. Nulls read as null.
 */
export function columnArray(vector: Vector): unknown[] {
  if (!DataType.isUtf8(vector.type)) return [...vector] as unknown[];
  const values: Array<string | null> = new Array(vector.length);
  let row = 0;
  for (const chunk of vector.data) {
    const offsets = chunk.valueOffsets as Int32Array;
    const bytes = Buffer.from(chunk.values.buffer, chunk.values.byteOffset, chunk.values.byteLength);
    for (let i = 0; i < chunk.length; i++) {
      values[row++] = chunk.getValid(i) ? bytes.toString('utf8', offsets[i]!, offsets[i + 1]!) : null;
    }
  }
  return values;
}
