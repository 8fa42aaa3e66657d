// Two notebooks sharing one database on a real CouchDB-protocol server (express-pouchdb on 127.0.0.1).
import { describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices } from '../../../src/main/core/app/create';
import { syncWhenOpened } from '../../../src/main/core/sync/host';
import { writeSyncConfig } from '../../../src/main/core/sync/sync-files';
import { seedFiles, tempDir } from '../../helpers/notebook';
import type { Member } from '../../helpers/sync-member';
import { useTestTeams } from '../../helpers/test-team';

const { team } = useTestTeams('team');

async function importSeed(m: Member): Promise<string> {
  await m.call('importPaths', { paths: [seedFiles.ties] });
  const [article] = await m.call('articleList', {});
  return article!.id;
}

/** Every record of every kind, as the notebook holds it. */
function snapshot(m: Member) {
  const { store } = m.core.session();
  const kinds = ['article', 'tag', 'highlight', 'note', 'trash'] as const;
  return Object.fromEntries(
    kinds.map((k) => [k, [...store.list(k)].sort((a, b) => a.id.localeCompare(b.id))]),
  );
}

describe('a shared notebook', () => {
  it('reaches a member who joins: articles with their text, codes, highlights, memos, notes, and who wrote them', async () => {
    const [ana, ben] = await team('ana', 'ben');
    const articleId = await importSeed(ana!);
    const h = await ana!.call('highlightCreate', { articleId, start: 0, end: 40, tagNames: ['arms-trade'] });
    await ana!.call('highlightUpdate', { id: h.id, memo: 'Why this matters' });
    await ana!.call('noteCreate', { title: 'Field notes', body: 'Met the editor.' });
    await ana!.engine.syncOnce();
    const status = await ben!.engine.syncOnce();
    expect(status.state).toBe('synced');

    expect(snapshot(ben!)).toEqual(snapshot(ana!));
    const got = ben!.core.session().store.get('highlight', h.id)!;
    expect(got.memo).toBe('Why this matters');
    expect(got.author).toBe('ana');
    expect(ben!.core.session().store.get('tag', got.tagIds[0]!)!.author).toBe('ana');
    // The text arrived with it (fetched once, by content hash), and search, fed by the remote commit, finds it.
    const article = ben!.core.session().store.get('article', articleId)!;
    const body = await ben!.core.session().body(article);
    expect(body.text.slice(0, 40)).toBe(got.quote.exact);
    const hits = await ben!.call('search', { query: got.quote.exact.split(/\s+/).slice(0, 3).join(' ') });
    expect(JSON.stringify(hits)).toContain(articleId);
  });

  it('edits on both sides reach the other, and remote changes are not undo steps here', async () => {
    const [ana, ben] = await team('ana', 'ben');
    const articleId = await importSeed(ana!);
    await ana!.engine.syncOnce();
    await ben!.engine.syncOnce();
    await ben!.call('highlightCreate', { articleId, start: 10, end: 30, tagNames: ['sources'] });
    await ana!.call('noteCreate', { title: 'Plan', body: 'Code the rest.' });
    await ben!.engine.syncOnce();
    await ana!.engine.syncOnce();
    await ben!.engine.syncOnce();
    expect(snapshot(ben!)).toEqual(snapshot(ana!));
    expect(ben!.core.session().store.list('note')[0]!.author).toBe('ana');
    expect(ana!.core.session().store.list('highlight')[0]!.author).toBe('ben');
    // Ben's own highlight is his undo step; Ana's note, which arrived, is not.
    expect(ben!.core.session().undoState().undo).toMatch(/sources|passage|highlight/i);
  });
});

describe('what the top bar counts', () => {
  it('"changes waiting" counts records changed here: one imported article is one change, not its text and file too', async () => {
    const [ana] = await team('ana');
    await importSeed(ana!);
    await ana!.call('noteCreate', { title: 'Plan', body: 'Code the rest.' });
    await ana!.engine.idle();
    expect(ana!.engine.status).toEqual({ state: 'waiting', waiting: 2 });
    expect((await ana!.engine.syncOnce()).state).toBe('synced');
    // The count survives a restart: nothing waiting stays nothing waiting; a new change is one.
    await ana!.restart();
    expect(ana!.engine.status.state).toBe('synced');
    await ana!.call('noteCreate', { title: 'Later', body: 'More.' });
    await ana!.engine.idle();
    expect(ana!.engine.status).toEqual({ state: 'waiting', waiting: 1 });
  });

  it('a change made here while a sync is taking the team’s work in is sent too, in the same sync', async () => {
    const [ana, ben] = await team('ana', 'ben');
    await importSeed(ana!);
    for (let i = 0; i < 20; i++) await ana!.call('noteCreate', { title: `Note ${i}`, body: `text ${i}` });
    await ana!.engine.syncOnce();
    let written: Promise<unknown> | null = null;
    const off = ben!.events.subscribe((name, payload) => {
      if (name === 'committed' && (payload as { origin: string }).origin === 'remote' && !written) {
        written = ben!.call('noteCreate', { title: 'Written while joining', body: 'mine' });
      }
    });
    const status = await ben!.engine.syncOnce();
    off();
    expect(written).not.toBeNull();
    await written;
    expect(status.state).toBe('synced');
    await ana!.engine.syncOnce();
    const titles = ana!.core
      .session()
      .store.list('note')
      .map((n) => n.title);
    expect(titles).toContain('Written while joining');
  });
});

describe('a shared notebook opening in the app or browser mode', () => {
  it('starts syncing as it opens: the team’s work arrives before any window asks', async () => {
    const [ana] = await team('ana');
    const articleId = await importSeed(ana!);
    await ana!.engine.syncOnce();
    const root = await tempDir('quire-sync-open-');
    const dir = join(root, 'notebook');
    const services = createServices({ appVersion: '0.0.0-test', userDataDir: join(root, 'user-data') });
    try {
      syncWhenOpened(services);
      await services.core.open(dir, { create: true });
      await services.core.close();
      await writeSyncConfig(dir, { ...ana!.engine.config, author: 'ben' });
      await services.core.open(dir, { create: false });
      await expect
        .poll(() => services.core.session().store.get('article', articleId)?.id, {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(articleId);
    } finally {
      await services.core.close();
      await rm(root, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('live sync', () => {
  it('a highlight made on one machine appears on the other while both are online', async () => {
    const [ana, ben] = await team('ana', 'ben');
    const articleId = await importSeed(ana!);
    await ana!.engine.syncOnce();
    await ben!.engine.syncOnce();
    const seen: string[] = [];
    ben!.events.subscribe((name, payload) => {
      if (name === 'committed') {
        const e = payload as { origin: string; label: string };
        seen.push(`${e.origin}:${e.label}`);
      }
    });
    ana!.engine.startLive();
    ben!.engine.startLive();
    const h = await ana!.call('highlightCreate', { articleId, start: 5, end: 25, tagNames: ['live'] });
    await expect
      .poll(() => ben!.core.session().store.get('highlight', h.id)?.id, { timeout: 15_000, interval: 50 })
      .toBe(h.id);
    // It reached Ben's views through the same committed event as his own edits, marked as from the team.
    expect(seen).toContain('remote:Changes from ana');
    await expect.poll(() => ana!.engine.status.state, { timeout: 15_000 }).toBe('synced');
  }, 30_000);
});

describe('comparing coders', () => {
  it('computes agreement between two members from their synced highlights, with the disagreeing text', async () => {
    const [ana, ben] = await team('ana', 'ben');
    const articleId = await importSeed(ana!);
    const tag = await ana!.call('tagCreate', { name: 'military' });
    const a = await ana!.call('highlightCreate', { articleId, start: 0, end: 20, tagIds: [tag.id] });
    await ana!.engine.syncOnce();
    await ben!.engine.syncOnce();
    const b = await ben!.call('highlightCreate', { articleId, start: 10, end: 30, tagIds: [tag.id] });
    await ben!.engine.syncOnce();
    await ana!.engine.syncOnce();
    const report = await ana!.call('coderAgreement', { coderA: 'ana', coderB: 'ben' });
    const session = ana!.core.session();
    const text = (await session.body(session.store.get('article', articleId)!)).text;
    // Quire snaps a selection to whole words, so the figures follow the stored positions.
    const [as, ae, bs, be] = [a.position.start, a.position.end, b.position.start, b.position.end];
    expect(as < bs && bs < ae && ae < be).toBe(true);
    expect(report.overall).toMatchObject({
      both: ae - bs,
      onlyA: bs - as,
      onlyB: be - ae,
      neither: text.length - (be - as),
    });
    expect(report.codes).toEqual([{ id: tag.id, name: 'military' }]);
    expect(report.disagreements.map((d) => [d.start, d.end, d.codedBy])).toEqual([
      [as, bs, 'a'],
      [ae, be, 'b'],
    ]);
    expect(report.texts).toEqual([text.slice(as, bs), text.slice(ae, be)]);
  });
});
