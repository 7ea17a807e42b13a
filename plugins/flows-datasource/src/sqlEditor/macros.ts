/**
 * The macros the backend expands (backend/src/sql/*Dialect.ts), described once for the help table,
 * autocomplete and hovers. macros.test.ts holds the names equal to the backend's.
 */
export interface Macro {
  /** Name without `$__`. */
  name: string;
  /** How it is written, e.g. `$__timeFilter(column)`. */
  usage: string;
  /** Monaco snippet inserted on completion; `\$` is a literal dollar in snippet syntax. */
  snippet: string;
  description: string;
  example: string;
}

const call = (name: string, ...args: string[]) =>
  `\\$__${name}(${args.map((arg, i) => `\${${i + 1}:${arg}}`).join(', ')})`;

export const macros: readonly Macro[] = [
  {
    name: 'timeFilter',
    usage: '$__timeFilter(column)',
    snippet: call('timeFilter', 'flowEndSeconds'),
    description: 'True when the column is inside the dashboard time range (second precision).',
    example: 'WHERE $__timeFilter(flowEndSeconds)',
  },
  {
    name: 'timeFilter_ms',
    usage: '$__timeFilter_ms(column)',
    snippet: call('timeFilter_ms', 'flowEndSeconds'),
    description: 'Like $__timeFilter, with millisecond precision (for DateTime64 / millisecond timestamps).',
    example: 'WHERE $__timeFilter_ms(timeInserted)',
  },
  {
    name: 'dateFilter',
    usage: '$__dateFilter(column)',
    snippet: call('dateFilter', 'column'),
    description: 'True when a Date column is within the days of the time range.',
    example: 'WHERE $__dateFilter(day)',
  },
  {
    name: 'dateTimeFilter',
    usage: '$__dateTimeFilter(dateColumn, timeColumn)',
    snippet: call('dateTimeFilter', 'day', 'flowEndSeconds'),
    description:
      "Both filters at once: the Date column within the range's days (so ClickHouse can skip partitions) and the time column inside the range.",
    example: 'WHERE $__dateTimeFilter(toDate(flowEndSeconds), flowEndSeconds)',
  },
  {
    name: 'dt',
    usage: '$__dt(dateColumn, timeColumn)',
    snippet: call('dt', 'day', 'flowEndSeconds'),
    description: 'Short for $__dateTimeFilter.',
    example: 'WHERE $__dt(toDate(flowEndSeconds), flowEndSeconds)',
  },
  {
    name: 'timeFrom',
    usage: '$__timeFrom(column) or $__timeFrom()',
    snippet: call('timeFrom', 'flowEndSeconds'),
    description:
      'With a column: true when the column is at or after the start of the time range. Without: the start, as a timestamp.',
    example: 'WHERE $__timeFrom(flowEndSeconds)',
  },
  {
    name: 'timeTo',
    usage: '$__timeTo(column) or $__timeTo()',
    snippet: call('timeTo', 'flowEndSeconds'),
    description:
      'With a column: true when the column is at or before the end of the time range. Without: the end, as a timestamp.',
    example: 'WHERE $__timeTo(flowEndSeconds)',
  },
  {
    name: 'fromTime',
    usage: '$__fromTime',
    snippet: '\\$__fromTime',
    description: 'Start of the time range, as a timestamp (same as $__timeFrom()).',
    example: 'WHERE flowStartSeconds >= $__fromTime',
  },
  {
    name: 'toTime',
    usage: '$__toTime',
    snippet: '\\$__toTime',
    description: 'End of the time range, as a timestamp (same as $__timeTo()).',
    example: 'WHERE flowStartSeconds <= $__toTime',
  },
  {
    name: 'fromTime_ms',
    usage: '$__fromTime_ms',
    snippet: '\\$__fromTime_ms',
    description: 'Start of the time range, as a timestamp with milliseconds.',
    example: 'WHERE timeInserted >= $__fromTime_ms',
  },
  {
    name: 'toTime_ms',
    usage: '$__toTime_ms',
    snippet: '\\$__toTime_ms',
    description: 'End of the time range, as a timestamp with milliseconds.',
    example: 'WHERE timeInserted <= $__toTime_ms',
  },
  {
    name: 'interval',
    usage: '$__interval',
    snippet: '\\$__interval',
    description:
      "Grafana's suggested interval as a duration (20s, 1m, 1h), as Grafana sent it; expanded by the backend too, so alert rules get it.",
    example: '$__timeGroup(flowEndSeconds, $__interval)',
  },
  {
    name: 'interval_ms',
    usage: '$__interval_ms',
    snippet: '\\$__interval_ms',
    description: "Grafana's suggested interval in milliseconds, as Grafana sent it; expanded by the backend too.",
    example: 'toStartOfInterval(timeInserted, INTERVAL $__interval_ms millisecond)',
  },
  {
    name: 'interval_s',
    usage: '$__interval_s',
    snippet: '\\$__interval_s',
    description:
      "Grafana's suggested interval for the panel, in whole seconds, made a whole multiple of the flow export interval (never finer: a record covers that long).",
    example: 'sum(octetDeltaCount) * 8 / $__interval_s AS bps',
  },
  {
    name: 'timeRange_s',
    usage: '$__timeRange_s',
    snippet: '\\$__timeRange_s',
    description: 'Length of the time range in seconds: averages a table over the whole range.',
    example: 'sum(octetDeltaCount) * 8 / $__timeRange_s AS bps',
  },
  {
    name: 'timeInterval',
    usage: '$__timeInterval(column)',
    snippet: call('timeInterval', 'flowEndSeconds'),
    description:
      "The column rounded down to Grafana's interval (as $__interval_s): the time column of a time series, in the column's time zone.",
    example: 'SELECT $__timeInterval(flowEndSeconds) AS time, sum(octetDeltaCount) AS bytes … GROUP BY time',
  },
  {
    name: 'timeInterval_ms',
    usage: '$__timeInterval_ms(column)',
    snippet: call('timeInterval_ms', 'timeInserted'),
    description: 'Like $__timeInterval, with milliseconds in the result (a DateTime64(3) on ClickHouse).',
    example: 'SELECT $__timeInterval_ms(timeInserted) AS time, count(*) AS flows … GROUP BY time',
  },
  {
    name: 'timeGroup',
    usage: "$__timeGroup(column, '5m')",
    snippet: `\\$__timeGroup(\${1:flowEndSeconds}, '\${2:5m}')`,
    description: 'The column rounded down to a fixed interval (30s, 5m, 1h, 1d…).',
    example: "SELECT $__timeGroup(flowEndSeconds, '1h') AS time, count(*) AS flows … GROUP BY time",
  },
  {
    name: 'exportInterval_s',
    usage: '$__exportInterval_s',
    snippet: '\\$__exportInterval_s',
    description:
      "The datasource's flow export interval in seconds (Antrea's activeFlowRecordTimeout): each record's counters cover up to this long.",
    example: 'WHERE flowEndSeconds >= $__fromTime - $__exportInterval_s',
  },
  {
    name: 'spreadJoin',
    usage: 'FROM flows $__spreadJoin',
    snippet: '\\$__spreadJoin',
    description:
      'Gives each record a row for each time bucket its seconds reach (at most two): write it right after FROM flows, with $__spreadFilter, $__spreadTime and $__spreadShare.',
    example:
      'SELECT $__spreadTime AS "time", sum(octetDeltaCount * $__spreadShare) * 8 / $__interval_s AS "bps" FROM flows $__spreadJoin WHERE $__spreadFilter GROUP BY $__spreadTime ORDER BY "time"',
  },
  {
    name: 'spreadFilter',
    usage: '$__spreadFilter',
    snippet: '\\$__spreadFilter',
    description:
      'The time filter of a $__spreadJoin query: records whose seconds reach a bucket of the range, each bucket once.',
    example: 'FROM flows $__spreadJoin WHERE $__spreadFilter AND flowType = 3',
  },
  {
    name: 'spreadTime',
    usage: '$__spreadTime',
    snippet: '\\$__spreadTime',
    description: 'The time bucket of a $__spreadJoin row: the time column of a rate series.',
    example: 'SELECT $__spreadTime AS "time" … GROUP BY $__spreadTime',
  },
  {
    name: 'spreadShare',
    usage: '$__spreadShare',
    snippet: '\\$__spreadShare',
    description:
      "The share (0 to 1) of a record's counters that falls in its $__spreadJoin row's bucket: multiply a delta counter by it before summing.",
    example: 'sum(octetDeltaCount * $__spreadShare) * 8 / $__interval_s AS "bps"',
  },
  {
    name: 'spreadEndShare',
    usage: '$__spreadEndShare',
    snippet: '\\$__spreadEndShare',
    description:
      "Without $__spreadJoin: the share (0 to 1) of a record's counters in the bucket its end falls in ($__timeInterval(flowEndSeconds)); 1 minus it belongs to the bucket before. Sum both per bucket, then add each bucket's rest to the one before: cheaper than the join on many records.",
    example:
      'SELECT $__timeInterval(flowEndSeconds) AS "time", sum(octetDeltaCount * $__spreadEndShare) AS "inBucket", sum(octetDeltaCount * (1 - $__spreadEndShare)) AS "inBucketBefore" FROM flows WHERE $__rangeFilter GROUP BY $__timeInterval(flowEndSeconds)',
  },
  {
    name: 'rangeFilter',
    usage: '$__rangeFilter',
    snippet: '\\$__rangeFilter',
    description:
      'The time filter of a whole-range rate: records ending in the range or up to one export interval after it.',
    example: 'WHERE $__rangeFilter',
  },
  {
    name: 'rangeShare',
    usage: '$__rangeShare',
    snippet: '\\$__rangeShare',
    description: "The share (0 to 1) of a record's counters that falls inside the time range.",
    example:
      'SELECT sum(octetDeltaCount * $__rangeShare) * 8 / $__timeRange_s AS "bps" FROM flows WHERE $__rangeFilter',
  },
  {
    name: 'conditionalAll',
    usage: '$__conditionalAll(condition, $variable)',
    snippet: call('conditionalAll', 'sourcePodNamespace IN (\\$namespace)', '\\$namespace'),
    description:
      'The condition, unless the variable is set to All (or nothing is selected): then 1=1, so "All" also keeps rows whose value is not in the list.',
    example: 'WHERE $__conditionalAll(sourcePodNamespace IN ($namespace), $namespace)',
  },
];
