import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runQuireIn } from '../helpers/cli';
import { seedFiles, tempDir } from '../helpers/notebook';

describe('quire serve and export report what the system refused, leaving nothing behind', () => {
  let root: string;
  let other: Server | undefined;
  const quire = (...argv: string[]) => runQuireIn(root, ...argv);

  beforeEach(async () => {
    root = await tempDir('quire-cli-');
  });
  afterEach(async () => {
    await new Promise((r) => (other ? other.close(r) : r(undefined)));
    other = undefined;
    await rm(root, { recursive: true, force: true });
  });

  it('serve --port N with N taken says the port is in use and creates no notebook', async () => {
    other = createServer();
    await new Promise<void>((r) => other?.listen(0, '127.0.0.1', r));
    const port = (other.address() as AddressInfo).port;
    const notebook = join(root, 'nb');
    const run = await quire('serve', '--notebook', notebook, '--port', String(port));
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      `quire: Port ${port} is in use by another program. Choose another with --port N, or leave --port out and Quire picks a free one.`,
    ]);
    expect(run.out).toEqual([]);
    expect(existsSync(notebook)).toBe(false);
  });

  it('serve prints the URL first, then serves the notebook it created until stopped', async () => {
    const notebook = join(root, 'nb');
    const run = await quire('serve', '--notebook', notebook);
    expect(run.code).toBe(0);
    expect(run.out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
    expect(run.err[0]).toContain(`Quire is serving ${notebook}`);
    expect(existsSync(join(notebook, 'notebook.json'))).toBe(true);
  });

  it.skipIf(!existsSync('/proc/self'))(
    'export into a folder that cannot be created ends at once with exit 1 and one line',
    async () => {
      const notebook = join(root, 'nb');
      expect((await quire('import', '--notebook', notebook, seedFiles.ties)).code).toBe(0);
      const run = await quire('export', 'markdown', '--notebook', notebook, '--out', '/proc/self/x');
      expect(run.code).toBe(1);
      expect(run.err).toEqual([
        'quire: Quire cannot create the folder /proc/self/x: that place does not hold folders (a system folder such as /proc, or a link to something that is gone). Choose another folder.',
      ]);
    },
  );
});
if (!existsSync('/proc/self'))
  console.log('serve-and-export.test: no /proc here, so the /proc/self/x export case is skipped.');
