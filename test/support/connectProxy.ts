import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A name the test VS Code's emulator also answers to (its certificate covers it) that only the
 * tests' proxy resolves: a request that reached it went through the proxy. `.test` is reserved for
 * tests (RFC 2606), so no resolver knows it.
 */
export const PROXIED_EMULATOR_HOST = 'arm.behind-proxy.test';

export interface ConnectProxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY. */
  url: string;
  /** The `host:port` of every tunnel asked for (CONNECT), in order. */
  tunnels: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy that only tunnels (HTTP CONNECT), as corporate proxies do for HTTPS: it records
 * where each tunnel goes and pipes the bytes, never seeing inside the TLS connection. `hosts` are
 * names it resolves itself (to an address), as a corporate proxy resolves names its clients cannot.
 */
export function startConnectProxy(hosts: Readonly<Record<string, string>> = {}): Promise<ConnectProxy> {
  const resolved = new Map(Object.entries(hosts).map(([name, address]) => [name.toLowerCase(), address]));
  const tunnels: string[] = [];
  const open = new Set<Socket>();
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    const colon = target.lastIndexOf(':');
    const host = target.slice(0, colon).replace(/^\[|\]$/g, '');
    const upstream = connect(Number(target.slice(colon + 1)), resolved.get(host.toLowerCase()) ?? host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        tunnels,
        close: () => {
          for (const socket of open) socket.destroy();
          return new Promise((done) => server.close(() => done()));
        },
      });
    });
  });
}
