/**
 * Counters Grafana scrapes through CollectMetrics (Prometheus text format): queries, errors and
 * durations by engine, plus the process's memory. Kept in memory; they reset when the plugin restarts.
 */
const durationBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

interface DurationSeries {
  buckets: number[];
  sum: number;
  count: number;
}

export class QueryMetrics {
  private readonly queries = new Map<string, number>();
  private readonly durations = new Map<string, DurationSeries>();
  private readonly resourceCalls = new Map<string, number>();

  recordQuery(engine: string, outcome: string, seconds: number): void {
    const key = `${engine}\u0000${outcome}`;
    this.queries.set(key, (this.queries.get(key) ?? 0) + 1);
    let series = this.durations.get(engine);
    if (!series) {
      series = { buckets: durationBuckets.map(() => 0), sum: 0, count: 0 };
      this.durations.set(engine, series);
    }
    durationBuckets.forEach((bound, i) => {
      if (seconds <= bound) {
        series.buckets[i]!++;
      }
    });
    series.sum += seconds;
    series.count++;
  }

  recordResourceCall(path: string, status: number): void {
    const key = `${path}\u0000${status}`;
    this.resourceCalls.set(key, (this.resourceCalls.get(key) ?? 0) + 1);
  }

  prometheusText(): string {
    const lines: string[] = [
      '# HELP flowlens_queries_total Queries answered, by engine and outcome (ok, error, timeout, cancelled).',
      '# TYPE flowlens_queries_total counter',
    ];
    for (const [key, count] of this.queries) {
      const [engine, outcome] = key.split('\u0000');
      lines.push(`flowlens_queries_total{engine="${engine}",outcome="${outcome}"} ${count}`);
    }
    lines.push(
      '# HELP flowlens_query_duration_seconds Time from receiving a query to its frame, by engine.',
      '# TYPE flowlens_query_duration_seconds histogram'
    );
    for (const [engine, series] of this.durations) {
      durationBuckets.forEach((bound, i) => {
        lines.push(`flowlens_query_duration_seconds_bucket{engine="${engine}",le="${bound}"} ${series.buckets[i]}`);
      });
      lines.push(`flowlens_query_duration_seconds_bucket{engine="${engine}",le="+Inf"} ${series.count}`);
      lines.push(`flowlens_query_duration_seconds_sum{engine="${engine}"} ${series.sum}`);
      lines.push(`flowlens_query_duration_seconds_count{engine="${engine}"} ${series.count}`);
    }
    lines.push(
      '# HELP flowlens_resource_calls_total Resource calls (schema, values), by path and status.',
      '# TYPE flowlens_resource_calls_total counter'
    );
    for (const [key, count] of this.resourceCalls) {
      const [path, status] = key.split('\u0000');
      lines.push(`flowlens_resource_calls_total{path="${path}",status="${status}"} ${count}`);
    }
    const memory = process.memoryUsage();
    lines.push(
      '# HELP process_resident_memory_bytes Resident memory of the plugin process.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${memory.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use.',
      '# TYPE nodejs_heap_used_bytes gauge',
      `nodejs_heap_used_bytes ${memory.heapUsed}`
    );
    return `${lines.join('\n')}\n`;
  }
}
