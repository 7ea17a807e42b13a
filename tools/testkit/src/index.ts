export { ClickHouseServer, type ClickHouseServerOptions } from './clickhouseServer.ts';
export { freePort, waitFor } from './freePort.ts';
export { startChdbHttpServer, type ChdbHttpServer, type ChdbHttpServerOptions } from './chdbHttpServer.ts';
export {
  FakesnowServer,
  fakesnowVenv,
  type FakesnowRequests,
  type FakesnowServerOptions,
  type FakesnowUser,
} from './fakesnowServer.ts';
