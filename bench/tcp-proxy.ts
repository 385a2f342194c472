import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones, as a stopped server would. */
  cut(): void;
  /** Lets connections through again. */
  restore(): void;
  /**
   * Holds what clients send (a database that stops answering for a while) until the returned release
   * is called; `sent` settles when a client sends something while held.
   */
  hold(): { sent: Promise<void>; release: () => void };
  close(): Promise<void>;
}

/** A TCP hop in front of a server (here: PostgreSQL), that a test can cut and restore. */
export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let open = true;
  let held: { chunks: [Socket, Buffer][]; sent: () => void } | null = null;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = createConnection(targetPort, targetHost);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('data', (chunk: Buffer) => {
      if (!held) return void upstream.write(chunk);
      held.chunks.push([upstream, chunk]);
      held.sent();
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    hold() {
      let sent = (): void => undefined;
      const hold = { chunks: [] as [Socket, Buffer][], sent: () => sent() };
      const sentPromise = new Promise<void>((resolve) => (sent = resolve));
      held = hold;
      return {
        sent: sentPromise,
        release: () => {
          held = null;
          for (const [upstream, chunk] of hold.chunks) upstream.write(chunk);
        },
      };
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
