export { ClickHouseServer, clickhouseServerInstalled, type ClickHouseServerOptions } from './clickhouseServer.ts';
export { freePort, waitFor } from './freePort.ts';
