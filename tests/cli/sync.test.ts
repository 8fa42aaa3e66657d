// quire share / quire sync / quire sync status against a real CouchDB-protocol server that checks passwords.
import { stat, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/cli/run';
import { startTestCouch, type TestCouch } from '../helpers/couch-server';
import { seedFiles, tempDir } from '../helpers/notebook';

interface Run {
  code: number;
  out: string[];
  err: string[];
}

let couch: TestCouch;
let root: string;

beforeAll(async () => {
  couch = await startTestCouch({ users: { ana: 's3cret', ben: 'b3n' } });
  root = await tempDir('quire-cli-sync-');
});
afterAll(async () => {
  await couch.stop();
  const { rm } = await import('node:fs/promises');
  await rm(root, { recursive: true, force: true });
});

const quire = async (env: Record<string, string>, ...argv: string[]): Promise<Run> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    platform: { platform: 'linux', env: { XDG_CONFIG_HOME: join(root, 'config'), ...env }, home: root },
    stdout: (l) => out.push(l),
    stderr: (l) => err.push(l),
    untilStopped: async () => undefined,
  });
  return { code, out, err };
};
const json = (run: Run): Record<string, unknown> => JSON.parse(run.out.join('\n')) as Record<string, unknown>;

describe('quire share and quire sync', () => {
  it('shares, joins, syncs, reports status; the password stays out of the notebook, in a 0600 file', async () => {
    const anaNb = join(root, 'ana');
    const benNb = join(root, 'ben');
    await quire({}, 'import', '--notebook', anaNb, seedFiles.ties);

    const wrong = await quire(
      { QUIRE_SYNC_PASSWORD: 'nope' },
      'share',
      '--notebook',
      anaNb,
      '--remote',
      couch.url,
      '--db',
      'team',
      '--user',
      'ana',
      '--json',
    );
    expect(wrong.code).toBe(1);
    expect(json(wrong)).toMatchObject({ status: { state: 'auth-failed' } });
    expect(String(json(wrong).words)).toBe(
      'Sign-in failed: check the password (the server said: Name or password is incorrect.)',
    );

    const shared = await quire(
      { QUIRE_SYNC_PASSWORD: 's3cret' },
      'share',
      '--notebook',
      anaNb,
      '--remote',
      couch.url,
      '--db',
      'team',
      '--user',
      'ana',
      '--as',
      'Ana',
    );
    expect(shared.err).toEqual([]);
    expect(shared.out).toEqual([`Shared with ${couch.url}/team as “Ana”.`, 'Synced']);
    expect(shared.code).toBe(0);

    const joined = await quire(
      { QUIRE_SYNC_PASSWORD: 'b3n' },
      'share',
      '--notebook',
      benNb,
      '--remote',
      `${couch.url}/team`,
      '--user',
      'ben',
      '--json',
    );
    expect(joined.code).toBe(0);
    const list = json(await quire({}, 'list', '--notebook', benNb, '--json')) as unknown as
      { articles?: unknown[] } | unknown[];
    expect(JSON.stringify(list)).toContain('The Ties of Myanmar with Russia');

    // A later sync needs no password: it is in the user's config folder, readable by them alone.
    const status = await quire({}, 'sync', 'status', '--notebook', benNb, '--json');
    expect(json(status)).toMatchObject({
      shared: true,
      db: 'team',
      author: 'ben',
      status: { state: 'synced' },
      words: 'Synced',
      conflicts: [],
    });
    await quire({}, 'import', '--notebook', benNb, seedFiles.visit);
    const waiting = await quire({}, 'sync', 'status', '--notebook', benNb, '--json');
    expect(json(waiting)).toMatchObject({ status: { state: 'waiting' } });
    expect(String(json(waiting).words)).toMatch(/^\d+ changes? waiting$/);
    const once = await quire({}, 'sync', '--once', '--notebook', benNb);
    expect(once.out).toEqual([`${couch.url}/team as “ben”: Synced`]);
    expect((await quire({}, 'sync', '--notebook', anaNb)).code).toBe(0);
    expect(JSON.stringify(json(await quire({}, 'list', '--notebook', anaNb, '--json')))).toContain(
      'Russia Visit',
    );

    const configDir = join(root, 'config', 'Quire');
    const files = await readdir(configDir);
    expect(files).toContain('sync-credentials.json');
    const mode = (await stat(join(configDir, 'sync-credentials.json'))).mode & 0o777;
    expect(mode).toBe(0o600);
    for (const nb of [anaNb, benNb]) {
      const config = await readFile(join(nb, 'sync', 'config.json'), 'utf8');
      expect(config).not.toContain('s3cret');
      expect(config).not.toContain('b3n');
    }
  });

  it('refuses plain http to a server that is not on this computer, and says to use https', async () => {
    const run = await quire(
      {},
      'share',
      '--notebook',
      join(root, 'c'),
      '--remote',
      'http://couch.example.org/team',
    );
    expect(run.code).not.toBe(0);
    expect(run.err.join('\n')).toMatch(
      /refuses to sync with couch\.example\.org over plain http.*https:\/\//s,
    );
  });

  it('says when a notebook is not shared', async () => {
    const nb = join(root, 'plain');
    await quire({}, 'import', '--notebook', nb, seedFiles.ties);
    const run = await quire({}, 'sync', '--notebook', nb);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain('not shared');
    expect(json(await quire({}, 'sync', 'status', '--notebook', nb, '--json'))).toMatchObject({
      shared: false,
      words: 'Not shared',
    });
  });
});
