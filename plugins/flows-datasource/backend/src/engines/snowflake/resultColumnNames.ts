import { flowColumns } from '@flowlens/flow-schema';

const byUpperCase = new Map(flowColumns.map(({ name }) => [name.toUpperCase(), name]));

/**
 * Snowflake stores unquoted identifiers in upper case, so `SELECT sourcePodName FROM flows` answers
 * with a column SOURCEPODNAME. Panels and transformations look for the flows schema's spelling, so an
 * all-upper-case name that is a flows column gets that spelling back. Quoted aliases ("sourcePod",
 * "bytes") keep the case they were written in, and other names stay as Snowflake gives them.
 */
export function resultColumnName(name: string): string {
  return name === name.toUpperCase() ? (byUpperCase.get(name) ?? name) : name;
}
