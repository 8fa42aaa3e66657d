import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PORT } from '../../src/main/cli/commands/serve';
import { runQuireIn } from '../helpers/cli';
import { seedFiles, tempDir } from '../helpers/notebook';

describe('quire serve remembers: the same address, key and notebook from one run to the next', () => {
  let root: string;
  let holder: Server | undefined;
  const quire = (...argv: string[]) => runQuireIn(root, ...argv);

  beforeEach(async () => {
    root = await tempDir('quire-serve-');
  });
  afterEach(async () => {
    await new Promise((r) => (holder ? holder.close(r) : r(undefined)));
    holder = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('prints the same URL on every run: the default port and the kept key', async () => {
    const first = await quire('serve', '--notebook', join(root, 'nb'));
    const second = await quire('serve', '--notebook', join(root, 'nb'));
    expect(first.code).toBe(0);
    expect(second.out[0]).toBe(first.out[0]);
  });

  it('moves to a later port when the default one is taken, and says what that means', async () => {
    // Held here, or already held by another program on this machine: taken either way.
    holder = createServer();
    await new Promise<void>((r) => {
      holder?.once('error', () => r());
      holder?.listen(DEFAULT_PORT, '127.0.0.1', r);
    });
    const run = await quire('serve', '--notebook', join(root, 'nb'));
    const port = Number(/:(\d+)\//.exec(run.out[0] ?? '')?.[1]);
    expect(port).toBeGreaterThan(DEFAULT_PORT);
    expect(run.err[0]).toBe(
      `quire: port ${DEFAULT_PORT} is in use (another Quire, or another program), so this one serves on ` +
        `${port}; pages open on port ${DEFAULT_PORT} do not reach it.`,
    );
  });

  it('--new-key gives a URL with a new key, which later runs keep', async () => {
    const before = await quire('serve', '--notebook', join(root, 'nb'), '--port', '0');
    const renewed = await quire('serve', '--notebook', join(root, 'nb'), '--port', '0', '--new-key');
    const after = await quire('serve', '--notebook', join(root, 'nb'), '--port', '0');
    const key = (r: { out: string[] }) => new URL(r.out[0] ?? '').searchParams.get('token');
    expect(key(renewed)).not.toBe(key(before));
    expect(key(after)).toBe(key(renewed));
  });

  it('without --notebook reopens the notebook opened last', async () => {
    const research = join(root, 'Myanmar research');
    expect((await quire('import', '--notebook', research, seedFiles.ties)).code).toBe(0);
    const run = await quire('serve', '--port', '0');
    expect(run.code).toBe(0);
    expect(run.err).toContain(
      `Quire is serving ${research} — open the URL above in a browser. Ctrl+C stops it.`,
    );
    expect(existsSync(join(root, 'config', 'Quire', 'Notebook'))).toBe(false);
  });

  it('serves the default notebook, saying why, when the last one is gone', async () => {
    const research = join(root, 'Myanmar research');
    expect((await quire('import', '--notebook', research, seedFiles.ties)).code).toBe(0);
    await rm(research, { recursive: true });
    const run = await quire('serve', '--port', '0');
    const standard = join(root, 'config', 'Quire', 'Notebook');
    expect(run.code).toBe(0);
    expect(run.err[0]).toMatch(
      new RegExp(`^quire: could not reopen ${research}: .+ Serving ${standard} instead\\.$`),
    );
    expect(run.err).toContain(
      `Quire is serving ${standard} — open the URL above in a browser. Ctrl+C stops it.`,
    );
  });
});
