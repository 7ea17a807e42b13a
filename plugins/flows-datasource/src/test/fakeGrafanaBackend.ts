import type { BackendSrv, BackendSrvRequest, FetchResponse } from '@grafana/runtime';
import { Observable } from 'rxjs';

/**
 * Grafana's HTTP API as our datasource sees it through getBackendSrv().fetch: `/api/ds/query` for
 * queries, `/api/datasources/uid/<uid>/resources/<path>` for resources and `.../health` for
 * "Save & test". Each test answers the routes it needs; every request is recorded.
 */
export interface Reply {
  status?: number;
  data: unknown;
}

export type Route = (request: BackendSrvRequest) => Reply | undefined;

export interface FakeGrafanaBackend {
  srv: BackendSrv;
  requests: BackendSrvRequest[];
  answer(pattern: RegExp, reply: Reply | ((request: BackendSrvRequest) => Reply)): void;
}

export function fakeGrafanaBackend(): FakeGrafanaBackend {
  const requests: BackendSrvRequest[] = [];
  const routes: Array<{ pattern: RegExp; reply: Reply | ((request: BackendSrvRequest) => Reply) }> = [];
  const fetch = <T>(request: BackendSrvRequest) =>
    new Observable<FetchResponse<T>>((subscriber) => {
      requests.push(request);
      const route = routes.find((candidate) => candidate.pattern.test(request.url));
      if (!route) {
        subscriber.error({ status: 404, data: { error: `no route for ${request.url}` } });
        return;
      }
      const reply = typeof route.reply === 'function' ? route.reply(request) : route.reply;
      const status = reply.status ?? 200;
      if (status >= 400) {
        // Grafana's fetch rejects with the response: status and the body as `data`.
        subscriber.error({ status, data: reply.data });
        return;
      }
      subscriber.next({ status, ok: true, data: reply.data } as FetchResponse<T>);
      subscriber.complete();
    });
  const srv = { fetch } as unknown as BackendSrv;
  return {
    srv,
    requests,
    answer: (pattern, reply) => routes.push({ pattern, reply }),
  };
}

/** A /api/ds/query answer with one frame of columns for `refId`. */
export function queryReply(refId: string, columns: Record<string, Array<string | number | null>>): Reply {
  const names = Object.keys(columns);
  return {
    data: {
      results: {
        [refId]: {
          frames: [
            {
              schema: {
                refId,
                fields: names.map((name) => ({
                  name,
                  type: typeof columns[name]!.find((value) => value !== null) === 'number' ? 'number' : 'string',
                })),
              },
              data: { values: names.map((name) => columns[name]) },
            },
          ],
        },
      },
    },
  };
}
