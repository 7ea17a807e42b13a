import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of ClickHouse's HTTP port that can lose the answer to an INSERT after the
 * server has stored it: the one failure a retrying loader cannot tell apart from "not stored".
 */
export class LossyProxy {
  /** Answers to INSERTs cut off so far. */
  answersLost = 0;
  private insertsSeen = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly loseAnswerToInsert: number
  ) {}

  /** Proxies to `target` (host:port); cuts the answer to the `loseAnswerToInsert`-th INSERT (1-based). */
  static async start(target: URL, loseAnswerToInsert: number): Promise<LossyProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) {
      throw new Error('the lossy proxy has no address');
    }
    const proxy = new LossyProxy(server, `http://127.0.0.1:${address.port}`, loseAnswerToInsert);
    server.on('connection', (client) => proxy.relay(client, target));
    return proxy;
  }

  private relay(client: Socket, target: URL): void {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    this.sockets.add(client).add(upstream);
    let loseNextAnswer = false;
    client.on('data', (chunk: Buffer) => {
      // Requests on one keep-alive connection never overlap, so a request line starts a chunk.
      const head = chunk.subarray(0, 400).toString('latin1');
      if (head.startsWith('POST ') && /[?&]query=INSERT/.test(head)) {
        this.insertsSeen++;
        loseNextAnswer = this.insertsSeen === this.loseAnswerToInsert;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (loseNextAnswer) {
        loseNextAnswer = false;
        this.answersLost++;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
