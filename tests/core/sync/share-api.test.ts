// Sharing and joining through the API, as the app and browser mode do it (the engine hosted per notebook, live
// sync started by sharing): the joined article opens, and sharing again under another name keeps syncing. Vitest
// fails a run on any unhandled rejection, so a sync step that throws in the background fails these tests too.
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../../src/main/core/api-contract';
import { createServices, type Services } from '../../../src/main/core/app/create';
import { dispatch } from '../../../src/main/core/dispatch';
import { runTag, startTestCouch, type TestCouch } from '../../helpers/couch-server';
import { seedFiles, tempDir } from '../../helpers/notebook';

let couch: TestCouch;
const opened: { services: Services; root: string }[] = [];

beforeAll(async () => {
  couch = await startTestCouch();
});
afterAll(async () => {
  await couch.stop();
});
afterEach(async () => {
  for (const { services, root } of opened.splice(0)) {
    await services.core.close();
    await rm(root, { recursive: true, force: true });
  }
});

async function app(name: string) {
  const root = await tempDir(`quire-share-${name}-`);
  const services = createServices({ appVersion: '0.0.0-test', userDataDir: join(root, 'user-data') });
  opened.push({ services, root });
  await services.core.open(join(root, 'notebook'), { create: true });
  return async <M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
    const result = await dispatch(services.api, method, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
}

describe('sharing through the API', () => {
  it('an uploaded article shared by one member opens on the member who joins', async () => {
    const ana = await app('ana');
    const ben = await app('ben');
    const data = (await readFile(seedFiles.ties)).toString('base64');
    await ana('importFiles', { files: [{ name: basename(seedFiles.ties), data }] });
    const db = `${runTag}-share-api1`;
    expect((await ana('syncShare', { remote: couch.url, db, author: 'Ana' })).shared).toBe(true);
    await ben('syncShare', { remote: couch.url, db, author: 'Ben' });
    await expect.poll(async () => (await ben('articleList', {})).length, { timeout: 20_000 }).toBe(1);
    const [article] = await ben('articleList', {});
    const view = await ben('articleGet', { id: article!.id });
    expect(view.text).toContain('Russia');
  }, 60_000);

  it('sharing again under another name keeps syncing, signed with the new name', async () => {
    const ana = await app('ana');
    const db = `${runTag}-share-api2`;
    await ana('syncShare', { remote: couch.url, db, author: 'Ana' });
    await ana('noteCreate', { title: 'First', body: 'one' });
    const again = await ana('syncShare', { remote: couch.url, db, author: 'Ana K.' });
    expect(again.author).toBe('Ana K.');
    const note = await ana('noteCreate', { title: 'Second', body: 'two' });
    expect(opened[0]!.services.core.session().store.get('note', note.id)?.author).toBe('Ana K.');
    await expect.poll(async () => (await ana('syncStatus', {})).words, { timeout: 20_000 }).toBe('Synced');
  }, 60_000);
});
