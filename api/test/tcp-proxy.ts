import { connect, createServer, type Server, type Socket } from 'node:net';

/** How a cut proxy treats connections made while it is cut. */
export type CutMode =
  /** Accepted and then left unanswered (a host that went away): clients wait for their timeouts. */
  | 'silence'
  /** Accepted and closed at once (a server that is down): clients fail at once. */
  | 'refuse';

/** A TCP proxy on loopback that a test cuts and restores (a database outage without touching it). */
export interface TcpProxy {
  readonly port: number;
  /** Connections forwarded now. */
  readonly open: number;
  /** `url` with its host and port replaced by this proxy's. */
  via(url: string): string;
  /** Destroys every forwarded connection; new ones meet `mode` until `restore`. */
  cut(mode?: CutMode): void;
  /** Forwards again; connections held in silence are forwarded now, as if the network came back. */
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 (a free port) to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const forwarded = new Set<Socket>();
  const held = new Set<Socket>();
  let mode: CutMode | null = null;

  const forward = (client: Socket) => {
    const upstream = connect(target.port, target.host);
    const pair = [client, upstream];
    for (const socket of pair) {
      forwarded.add(socket);
      socket.on('error', () => {});
      socket.once('close', () => {
        forwarded.delete(socket);
        for (const other of pair) other.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const server: Server = createServer((client) => {
    if (mode === 'refuse') return void client.destroy();
    if (mode === 'silence') {
      // Not read: what the client sends waits in the kernel until the network "comes back".
      client.pause();
      client.on('error', () => {});
      held.add(client);
      client.once('close', () => held.delete(client));
      return;
    }
    forward(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');

  return {
    port: address.port,
    get open() {
      return forwarded.size / 2;
    },
    via(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(address.port);
      return parsed.toString();
    },
    cut(next = 'refuse') {
      mode = next;
      for (const socket of forwarded) socket.destroy();
      if (next === 'refuse') for (const socket of held) socket.destroy();
    },
    restore() {
      mode = null;
      for (const client of held) {
        held.delete(client);
        if (!client.destroyed) forward(client);
      }
    },
    async close() {
      mode = 'refuse';
      for (const socket of [...forwarded, ...held]) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
