import { createConnection, createServer, type Server, type Socket } from 'node:net';

// clickhouse-server 18.16 lists an INSERT in system.processes only once it has read max_query_size
// (256 KiB) of the request, or all of it: so this much passes before the hold.
const visibleAfterBytes = 320 * 1024;

/**
 * A TCP proxy in front of ClickHouse's HTTP port that holds back the rest of each INSERT's body for
 * a while once the server lists the insert as running (send bodies over 320 KiB), so it sits there. What was sent reaches the
 * server even when the sender goes away meanwhile: a process stopped mid-write whose insert still lands.
 */
export class SlowInsertProxy {
  /** INSERTs held back so far. */
  insertsHeld = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly holdMs: number
  ) {}

  static async start(target: URL, holdMs: number): Promise<SlowInsertProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('the slow-insert proxy has no address');
    const proxy = new SlowInsertProxy(server, `http://127.0.0.1:${address.port}`, holdMs);
    server.on('connection', (client) => proxy.relay(client, target));
    return proxy;
  }

  private relay(client: Socket, target: URL): void {
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    this.sockets.add(client).add(upstream);
    // Bytes of the current INSERT still to pass before the hold; chunks after a held one wait behind it.
    let passBytes = 0;
    let heldUntil = 0;
    client.on('data', (chunk: Buffer) => {
      const head = chunk.subarray(0, 400).toString('latin1');
      if (head.startsWith('POST ') && /[?&]query=INSERT/.test(head)) {
        this.insertsHeld++;
        passBytes = chunk.indexOf('\r\n\r\n') + 4 + visibleAfterBytes;
      }
      if (passBytes > 0) {
        const passed = chunk.subarray(0, passBytes);
        upstream.write(passed);
        passBytes -= passed.length;
        chunk = chunk.subarray(passed.length);
        if (passBytes === 0) heldUntil = Date.now() + this.holdMs;
      }
      if (chunk.length === 0) return;
      const wait = heldUntil - Date.now();
      if (wait <= 0) upstream.write(chunk);
      else setTimeout(() => upstream.write(chunk), wait);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!client.destroyed) client.write(chunk);
    });
    // The sender leaving does not take back what it sent: upstream lives until the server answers.
    client.on('error', () => undefined);
    upstream.on('close', () => client.destroy()).on('error', () => client.destroy());
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
