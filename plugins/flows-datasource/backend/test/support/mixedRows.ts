// Every type the RowBinary reader takes, with NULLs, empty and non-ASCII text, tabs and newlines
// (which TabSeparated escapes and RowBinary does not), dates before and after 2038, over enough rows
// that the answer arrives in many HTTP chunks, rows are split between them and the columns come in
// several Arrow chunks (blocks of 65,536 rows).
export const mixedRows = `
SELECT
  toInt8(number % 256 - 128) AS i8, toInt16(number * 7 % 65536 - 32768) AS i16,
  toInt32(number * 7919) AS i32, toInt64(number * 1000003) - 9223372036854775807 AS i64,
  toUInt8(number % 256) AS u8, toUInt16(number % 65536) AS u16, toUInt32(number * 2654435761 % 4294967296) AS u32,
  toUInt64(number) * 18446744073 AS u64, toFloat32(number / 8) AS f32, number / 3 AS f64,
  if(number % 5 = 0, '', concat('pod-', toString(number % 997), if(number % 11 = 0, '\\t✓\\n', 'é'))) AS s,
  toFixedString(toString(number % 100), 3) AS fs,
  toDate('2020-01-01') + number % 20000 AS d,
  toDateTime(1763700000 + number * 37) AS t, toDateTime(1763700000 + number, 'Asia/Tokyo') AS ttz,
  if(number % 3 = 0, NULL, number) AS n_u64, if(number % 4 = 0, NULL, toString(number)) AS n_s,
  if(number % 6 = 0, NULL, toDateTime(number)) AS n_t
FROM system.numbers LIMIT 140000`;
