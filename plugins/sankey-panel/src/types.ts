/** Panel options saved in the dashboard JSON; field names refer to display names in the query result. */
export interface SankeyOptions {
  sourceField?: string;
  targetField?: string;
  valueField?: string;
}
