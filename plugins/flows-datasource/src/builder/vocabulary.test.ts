import { describe, expect, it } from 'vitest';
import { clickhouseDialect } from '../../backend/src/sql/clickhouseDialect.ts';
import {
  flowViews as backendViews,
  groupFields as backendGroupFields,
  metrics as backendMetrics,
} from '../../backend/src/sql/flowsBuilder.ts';
import { macros } from '../sqlEditor/macros';
import { groupFields, metrics, operators, views } from './vocabulary';

/**
 * The editor offers only words the backend compiles, and all of them: a word added or renamed on
 * one side fails here rather than as a per-query error in someone's dashboard.
 */
const values = (terms: ReadonlyArray<{ value: string }>) => terms.map((term) => term.value).sort();

describe('builder vocabulary matches the backend', () => {
  it('views', () => expect(values(views)).toEqual(Object.keys(backendViews).sort()));
  it('metrics, with the unit the backend sets', () => {
    expect(values(metrics)).toEqual(Object.keys(backendMetrics).sort());
    for (const metric of metrics) {
      expect(metric.unit, metric.value).toBe(backendMetrics[metric.value]!.unit);
    }
  });
  it('group-by fields, with their kind', () => {
    expect(values(groupFields)).toEqual(Object.keys(backendGroupFields).sort());
    for (const field of groupFields) {
      expect(field.kind, field.value).toBe(backendGroupFields[field.value]!.kind);
    }
  });
  it('group-by fields that name a column read exactly that column', () => {
    for (const field of groupFields.filter((candidate) => candidate.column)) {
      expect(backendGroupFields[field.value]!.expression, field.value).toBe(field.column);
    }
  });
  it('operators', () => {
    expect(values(operators)).toEqual(['!=', '!~', '<', '<=', '=', '=~', '>', '>=', 'in', 'not in']);
  });
});

describe('macros match the backend', () => {
  it('every macro the ClickHouse dialect expands is documented, and nothing else', () => {
    expect(macros.map((macro) => macro.name).sort()).toEqual(Object.keys(clickhouseDialect.macros).sort());
  });
});
