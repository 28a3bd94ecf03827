// Slow and surplus sockets against a real browser-mode server with short limits.
import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './browser-mode.testing.ts';

let server: TestServer | undefined;
afterEach(() => server?.close());

/** A raw socket to the server, collecting what it answers and when it is closed. */
async function socketTo(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => {}); // a reset is one way of being closed
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
  await new Promise((resolve) => socket.once('connect', resolve));
  return { socket, closed, received: () => received };
}

const request = (port: number) => `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`;

it('closes a socket that sends its headers too slowly within the header timeout', async () => {
  server = await startTestServer({ limits: { headersTimeoutMs: 400, requestTimeoutMs: 2_000 } });
  const { port } = server.mode;
  const slow = await socketTo(port);
  const started = Date.now();
  slow.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
  const drip = setInterval(() => slow.socket.writable && slow.socket.write('X-Slow: 1\r\n'), 100);
  try {
    const closedAt = await slow.closed;
    expect(closedAt - started).toBeGreaterThanOrEqual(350);
    expect(closedAt - started).toBeLessThan(1_500);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
  } finally {
    clearInterval(drip);
  }
});

it('closes connections over the cap as they arrive, and takes new ones once some have ended', async () => {
  server = await startTestServer({ limits: { maxConnections: 3 } });
  const { port } = server.mode;
  // Each one answered, and kept alive: the server has surely counted it.
  const held = await Promise.all([0, 1, 2].map(() => socketTo(port)));
  for (const client of held) client.socket.write(request(port));
  await expect.poll(() => held.every((client) => client.received().includes('\r\n\r\n'))).toBe(true);

  const surplus = await socketTo(port);
  surplus.socket.write(request(port));
  await surplus.closed;
  expect(surplus.received()).toBe('');

  held[0].socket.destroy();
  await held[0].closed;
  await expect
    .poll(async () => {
      const late = await socketTo(port);
      late.socket.write(request(port));
      await Promise.race([late.closed, new Promise((resolve) => setTimeout(resolve, 200))]);
      late.socket.destroy();
      return late.received().split('\r\n')[0];
    })
    .toMatch(/^HTTP\/1\.1 \d{3} /);
  for (const client of held) client.socket.destroy();
});
