import { describe, expect, it } from 'vitest';
import { hasScalarSubquery } from '../src/engines/clickhouse/scalarSubqueries.ts';

describe('hasScalarSubquery', () => {
  it.each([
    'SELECT count() FROM flows WHERE flowEndSeconds > (SELECT max(flowEndSeconds) - 60 FROM flows)',
    'WITH (SELECT max(flowEndSeconds) FROM flows) AS latest SELECT count() FROM flows WHERE flowEndSeconds = latest',
    'SELECT sourcePodName, (SELECT count() FROM flows) AS total FROM flows',
    'SELECT ((SELECT 1))',
    'SELECT count(*) FROM flows WHERE x > ANY (SELECT 1) OR y < ALL (SELECT 2)',
    'select x from t where y = ( -- the newest\n select max(y) from t)',
    'SELECT a FROM t WHERE b IN (SELECT b FROM u) AND c < (WITH 1 AS one SELECT one)',
  ])('finds one in %s', (sql) => {
    expect(hasScalarSubquery(sql)).toBe(true);
  });

  it.each([
    'SELECT count() FROM flows',
    'SELECT * FROM (SELECT 1 AS a) AS t',
    'SELECT a FROM t LEFT JOIN (SELECT a, b FROM u) AS v USING a',
    'SELECT a FROM t WHERE b IN (SELECT b FROM u) OR c NOT IN (SELECT c FROM u) OR d GLOBAL IN (SELECT 1)',
    'WITH recent AS (SELECT * FROM flows) SELECT count() FROM recent',
    'SELECT 1 WHERE EXISTS (SELECT 1 FROM flows)',
    '(SELECT 1) UNION ALL (SELECT 2) UNION DISTINCT (SELECT 3) EXCEPT (SELECT 4)',
    "SELECT '(SELECT 1)' AS text, `(SELECT` FROM t /* (SELECT 2) */ -- (SELECT 3)",
  ])('finds none in %s', (sql) => {
    expect(hasScalarSubquery(sql)).toBe(false);
  });
});
