import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of the test worker on a fixed port: `down()` closes the port (connection
 * refused, as when the server is away), `up()` listens on the same port again. The extension is
 * pointed at the relay, so "the server is unreachable" is a real network failure, not a mock.
 */
export class Relay {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;
  private failWith: number | null = null;
  constructor(private readonly target: number) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = createServer((client) => {
      if (this.failWith !== null) {
        const body = `<html><head><title>${this.failWith} Service Unavailable</title></head><body><center><h1>${this.failWith} Service Unavailable</h1></center><hr><center>nginx</center></body></html>`;
        // Tracked like relayed ones: a connection opened and never written to must not keep down() waiting.
        this.sockets.add(client);
        client.on('close', () => this.sockets.delete(client));
        client.on('error', () => undefined);
        client.once('data', () =>
          client.end(
            `HTTP/1.1 ${this.failWith} Service Unavailable\r\ncontent-type: text/html\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
          ),
        );
        return;
      }
      const upstream = connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    // A listen error (the freed port taken meanwhile) rejects rather than leaving the test waiting forever.
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /**
   * From now on the relay answers every request itself with `status` and a proxy's HTML page, as
   * nginx does when the server behind it is down (null: relay again). Open connections are cut, so
   * a kept-alive one cannot bypass it.
   */
  answerWith(status: number | null): void {
    this.failWith = status;
    for (const s of this.sockets) s.destroy();
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = null;
  }
}
