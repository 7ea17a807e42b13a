import { createConnection, createServer, type Server, type Socket } from 'node:net';

// clickhouse-server 18.16 lists an INSERT in system.processes only once it has read the first MiB
// of the body (its read buffer), or all of it: so this much passes before the hold.
const visibleAfterBytes = 1280 * 1024;

/**
 * A TCP proxy in front of ClickHouse's HTTP port that holds back the rest of each INSERT's body
 * (send bodies over 1.25 MiB) until release(), so the insert sits running on the server. What was
 * sent reaches the server even when the sender goes away meanwhile: a process stopped mid-write
 * whose insert still lands.
 */
export class SlowInsertProxy {
  /** INSERTs seen so far, held or not. */
  insertsSeen = 0;
  /** Requests that asked system.processes (a sender waiting for an insert to end). */
  processListChecks = 0;
  private released = false;
  private readonly waiting: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string
  ) {}

  static async start(target: URL): Promise<SlowInsertProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('the slow-insert proxy has no address');
    const proxy = new SlowInsertProxy(server, `http://127.0.0.1:${address.port}`);
    server.on('connection', (client) => proxy.relay(client, target));
    return proxy;
  }

  /** Lets the held bytes go on, in order; later INSERTs pass unheld. */
  release(): void {
    this.released = true;
    for (const send of this.waiting.splice(0)) send();
  }

  private relay(client: Socket, target: URL): void {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    this.sockets.add(client).add(upstream);
    // Bytes of the current INSERT still to pass before the hold; once held, every later chunk of
    // the connection queues behind it, so the server gets the bytes in order.
    let passBytes = 0;
    let holding = false;
    client.on('data', (chunk: Buffer) => {
      if (chunk.includes('system.processes')) this.processListChecks++;
      const head = chunk.subarray(0, 400).toString('latin1');
      if (head.startsWith('POST ') && /[?&]query=INSERT/.test(head)) {
        this.insertsSeen++;
        if (!this.released) passBytes = chunk.indexOf('\r\n\r\n') + 4 + visibleAfterBytes;
      }
      if (passBytes > 0 && !holding) {
        const passed = chunk.subarray(0, passBytes);
        upstream.write(passed);
        passBytes -= passed.length;
        chunk = chunk.subarray(passed.length);
        holding = passBytes === 0;
      }
      if (chunk.length === 0) return;
      if (holding && !this.released) this.waiting.push(() => upstream.write(chunk));
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    // The sender leaving does not take back what it sent: upstream lives until the server answers.
    client.on('error', () => undefined);
    upstream.on('close', () => client.destroy()).on('error', () => client.destroy());
  }

  async close(): Promise<void> {
    this.release();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
