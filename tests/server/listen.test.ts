import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { listenOnFreePort } from '../../src/main/server/listen';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A port some other program holds for the duration of the test. */
async function takenPort(): Promise<number> {
  const other = createServer();
  servers.push(other);
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  return (other.address() as AddressInfo).port;
}

function fresh(): Server {
  const s = createServer();
  servers.push(s);
  return s;
}

describe('listenOnFreePort', () => {
  it('refuses a port the user chose when it is taken, saying so', async () => {
    const port = await takenPort();
    await expect(listenOnFreePort(fresh(), port, { explicit: true })).rejects.toMatchObject({
      code: 'IO_ERROR',
      message: `Port ${port} is in use by another program. Choose another with --port N, or leave --port out and Quire picks a free one.`,
    });
  });

  it('moves on to a later port when the default one is taken', async () => {
    const port = await takenPort();
    const got = await listenOnFreePort(fresh(), port, { explicit: false });
    expect(got).toBeGreaterThan(port);
    expect(got).toBeLessThanOrEqual(port + 20);
  });

  it('listens on the preferred port when it is free, and on any free port for 0', async () => {
    const probe = await takenPort();
    await new Promise((r) => servers.pop()?.close(r));
    expect(await listenOnFreePort(fresh(), probe, { explicit: true })).toBe(probe);
    expect(await listenOnFreePort(fresh(), 0, { explicit: false })).toBeGreaterThan(0);
  });
});
