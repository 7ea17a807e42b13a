import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on a free loopback port in front of a ClickHouse server, recording each request's
 * query text (its URL and body), so a test can see which statements the backend sent.
 */
export interface RecordingProxy {
  url: string;
  /** One entry per request: its URL path and query string, a newline, its body. */
  sent: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const sent: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const body: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => body.push(chunk));
    incoming.on('end', () => {
      const bytes = Buffer.concat(body);
      sent.push(`${decodeURIComponent(incoming.url ?? '')}\n${bytes.toString('utf8')}`);
      const relay = forward(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        }
      );
      relay.on('error', (error) => outgoing.destroy(error));
      // A client that stops reading (a row limit reached) closes its side; stop the server's answer too.
      outgoing.on('close', () => relay.destroy());
      relay.end(bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
