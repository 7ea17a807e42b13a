import type { DataType, Vector } from 'apache-arrow';
import { boolVector, float64Vector, jsonVector, stringVector, timeVector } from '../../frames/fieldVectors.ts';
import type { ClickHouseColumnType } from './clickhouseTypes.ts';

/** An empty column of the right Grafana type, for results with no rows (ClickHouse sends no batch). */
export function vectorsFromDescribe(type: ClickHouseColumnType): Vector<DataType> {
  switch (type.base) {
    case 'int':
    case 'uint':
    case 'float':
    case 'decimal':
      return float64Vector([]);
    case 'bool':
      return boolVector([]);
    case 'date':
    case 'datetime':
    case 'datetime64':
      return timeVector([]);
    case 'json':
      return jsonVector([]);
    default:
      return stringVector([]);
  }
}
