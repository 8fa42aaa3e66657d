// Offline edits that collide: both versions kept, a deterministic result on both sides, every conflict listed.
import { describe, expect, it } from 'vitest';
import { seedFiles } from '../../helpers/notebook';
import type { Member } from '../../helpers/sync-member';
import { useTestTeams } from '../../helpers/test-team';

const { team } = useTestTeams('conflicts');

async function pair(): Promise<[Member, Member]> {
  const [ana, ben] = await team('ana', 'ben');
  return [ana!, ben!];
}

/** Ana and Ben share a notebook holding the seed article with one passage coded `tag` (not synced yet). */
async function pairWithPassage(tag: string) {
  const [ana, ben] = await pair();
  await ana.call('importPaths', { paths: [seedFiles.ties] });
  const [article] = await ana.call('articleList', {});
  const h = await ana.call('highlightCreate', { articleId: article!.id, start: 0, end: 30, tagNames: [tag] });
  return { ana, ben, article: article!, h };
}

/** Each syncs until both have everything (A, B, A). */
async function syncAll(a: Member, b: Member): Promise<void> {
  await a.engine.syncOnce();
  await b.engine.syncOnce();
  await a.engine.syncOnce();
}

describe('conflicts', () => {
  it('the same note edited on two machines offline: both versions kept, both sides agree, the conflict is listed', async () => {
    const [ana, ben] = await pair();
    const note = await ana.call('noteCreate', { title: 'Findings', body: 'Line one.\n' });
    await syncAll(ana, ben);
    await ana.call('noteUpdate', { id: note.id, body: 'Line one.\nAna adds this.\n' });
    await ben.call('noteUpdate', { id: note.id, body: 'Line one.\nBen adds that.\n' });
    await syncAll(ana, ben);

    const aBody = ana.core.session().store.get('note', note.id)!.body;
    const bBody = ben.core.session().store.get('note', note.id)!.body;
    expect(aBody).toBe(bBody);
    for (const m of [ana, ben]) {
      expect(m.engine.conflictIds()).toEqual([`note:${note.id}`]);
      const leaves = await m.engine.replica.leaves(`note:${note.id}`);
      const bodies = leaves.map((l) => (l.record as { body: string }).body).sort();
      expect(bodies).toEqual(['Line one.\nAna adds this.\n', 'Line one.\nBen adds that.\n']);
    }
  });

  it('a highlight deleted on one side and memo-edited on the other survives with the memo, and is flagged', async () => {
    const { ana, ben, h } = await pairWithPassage('x');
    await syncAll(ana, ben);
    await ana.call('highlightDelete', { id: h.id });
    await ben.call('highlightUpdate', { id: h.id, memo: 'Keep this thought' });
    await syncAll(ana, ben);
    for (const m of [ana, ben]) {
      expect(m.core.session().store.get('highlight', h.id)?.memo).toBe('Keep this thought');
      expect(m.engine.conflictIds()).toContain(`highlight:${h.id}`);
    }
  });
});

/** Each member's tags (id:name) and every highlight's tag names, as the notebook holds them. */
function codebook(m: Member): { tags: string[]; coded: string[] } {
  const { store } = m.core.session();
  const name = (id: string) => store.get('tag', id)?.name ?? `(missing ${id})`;
  return {
    tags: store
      .list('tag')
      .map((t) => `${t.id}:${t.name}`)
      .sort(),
    coded: store
      .list('highlight')
      .map((h) => `${h.id}:${h.tagIds.map(name).sort().join('+')}`)
      .sort(),
  };
}

const noticesOf = (m: Member): string[] => m.core.info().notices.map((n) => n.message);

/** Ana and Ben share a notebook with the tags “war” (one passage) and “conflict”, synced, then go offline. */
async function warAndConflict() {
  const { ana, ben, article, h } = await pairWithPassage('war');
  const war = h.tagIds[0]!;
  const conflict = await ana.call('tagCreate', { name: 'conflict' });
  await syncAll(ana, ben);
  return { ana, ben, articleId: article.id, h, war, conflict };
}

describe('a tag renamed on one side and merged or deleted on the other', () => {
  for (const first of ['ana', 'ben'] as const) {
    it(`merged away while renamed (${first} syncs first): the merge stands on both machines, with one notice each`, async () => {
      const { ana, ben, h, war, conflict } = await warAndConflict();
      await ana.call('tagUpdate', { id: war, name: 'armed conflict' });
      await ben.call('tagMerge', { ids: [war], into: conflict.id });
      if (first === 'ana') await syncAll(ana, ben);
      else await syncAll(ben, ana);
      await syncAll(ana, ben);

      expect(codebook(ana)).toEqual(codebook(ben));
      expect(codebook(ana).tags).toEqual([`${conflict.id}:conflict`]);
      expect(codebook(ana).coded).toEqual([`${h.id}:conflict`]);
      for (const m of [ana, ben]) {
        expect(noticesOf(m)).toEqual([
          'ben merged “war” into “conflict” while ana renamed it to “armed conflict”: its passages are under ' +
            '“conflict”; no passage carries “armed conflict”, so that name is gone too.',
        ]);
        // Explained, not left to settle: no conflict is listed for it.
        expect(await m.engine.listConflicts()).toEqual([]);
        expect(m.engine.conflictIds()).toEqual([]);
      }
      // Read once: not told again after a restart and another round of sync.
      await ben.core.acknowledge(ben.core.info().notices.map((n) => n.id));
      await ben.restart();
      await syncAll(ana, ben);
      expect(noticesOf(ben)).toEqual([]);
      expect(codebook(ben)).toEqual(codebook(ana));
    });
  }

  it('the renamed tag survives when a passage was coded with it after the rename, on both machines', async () => {
    const { ana, ben, articleId, h, war, conflict } = await warAndConflict();
    await ana.call('tagUpdate', { id: war, name: 'armed conflict' });
    const coded = await ana.call('highlightCreate', { articleId, start: 40, end: 70, tagIds: [war] });
    await ben.call('tagMerge', { ids: [war], into: conflict.id });
    await syncAll(ben, ana);
    await syncAll(ana, ben);

    expect(codebook(ana)).toEqual(codebook(ben));
    expect(codebook(ana).tags).toEqual([`${conflict.id}:conflict`, `${war}:armed conflict`].sort());
    expect(codebook(ana).coded).toEqual([`${coded.id}:armed conflict`, `${h.id}:conflict`].sort());
    for (const m of [ana, ben]) {
      expect(noticesOf(m)).toEqual([
        'ben merged “war” into “conflict” while ana renamed it to “armed conflict”: its passages are under ' +
          '“conflict”; “armed conflict” stays for the 1 passage coded with it since.',
      ]);
      expect(m.engine.conflictIds()).toEqual([]);
    }
  });

  it('deleted while renamed: the deletion stands on both machines, the tag is in the Trash, and the notice says so', async () => {
    const { ana, ben, h, war } = await warAndConflict();
    await ana.call('tagUpdate', { id: war, name: 'armed conflict' });
    await ben.call('tagDelete', { id: war });
    await syncAll(ana, ben);
    await syncAll(ana, ben);

    expect(codebook(ana)).toEqual(codebook(ben));
    expect(codebook(ana).tags).toEqual([expect.stringMatching(/:conflict$/)]);
    expect(codebook(ana).coded).toEqual([`${h.id}:`]);
    for (const m of [ana, ben]) {
      expect(m.core.session().store.get('trash', war)?.title).toBe('war');
      expect(noticesOf(m)).toEqual([
        'ben deleted “war” while ana renamed it to “armed conflict”: the deletion stands (“war” is in the Trash); ' +
          'no passage carries “armed conflict”, so that name is gone too.',
      ]);
    }
  });
});

describe('settling a conflict', () => {
  it('offers a clean three-way merge of a note; the merged text becomes the one version on both machines', async () => {
    const [ana, ben] = await pair();
    const note = await ana.call('noteCreate', { title: 'Plan', body: 'Intro\nMiddle\nEnd' });
    await syncAll(ana, ben);
    await ana.call('noteUpdate', { id: note.id, body: 'Intro by Ana\nMiddle\nEnd' });
    await ben.call('noteUpdate', { id: note.id, body: 'Intro\nMiddle\nEnd by Ben' });
    await syncAll(ana, ben);

    const [conflict] = await ana.engine.listConflicts();
    expect(conflict).toMatchObject({ docId: `note:${note.id}`, type: 'edited', title: 'Plan' });
    expect(conflict!.versions.map((v) => v.by).sort()).toEqual(['ana', 'ben']);
    expect(conflict!.merged).toBe('Intro by Ana\nMiddle\nEnd by Ben');

    const current = ana.core.session().store.get('note', note.id)!;
    await ana.engine.settle(conflict!.docId, { ...current, body: conflict!.merged });
    await syncAll(ana, ben);
    for (const m of [ana, ben]) {
      expect(m.core.session().store.get('note', note.id)!.body).toBe('Intro by Ana\nMiddle\nEnd by Ben');
      expect(await m.engine.listConflicts()).toEqual([]);
    }
    // Settling was one step: undo puts back the text the notebook showed before, and it reaches the other machine.
    await ana.call('undo', {});
    expect(ana.core.session().store.get('note', note.id)!.body).toBe(current.body);
    await syncAll(ana, ben);
    expect(ben.core.session().store.get('note', note.id)!.body).toBe(current.body);
    expect(await ben.engine.listConflicts()).toEqual([]);
  });

  it('settling with the other writer’s version (unstamped, as the API receives it) can be undone', async () => {
    const [ana, ben] = await pair();
    const note = await ana.call('noteCreate', { title: 'Plan', body: 'Intro\nEnd' });
    await syncAll(ana, ben);
    await ana.call('noteUpdate', { id: note.id, body: 'Intro by Ana\nEnd' });
    await ben.call('noteUpdate', { id: note.id, body: 'Intro by Ben\nEnd' });
    await syncAll(ana, ben);
    const [conflict] = await ana.engine.listConflicts();
    const before = ana.core.session().store.get('note', note.id)!.body;
    const bens = conflict!.versions.find((v) => v.by === 'ben')!.record;
    await ana.engine.settle(conflict!.docId, bens);
    expect(ana.core.session().store.get('note', note.id)!).toMatchObject({
      body: 'Intro by Ben\nEnd',
      updatedBy: 'ana',
    });
    await ana.engine.idle();
    expect((await ana.call('undo', {})).label).toMatch(/Settle/);
    expect(ana.core.session().store.get('note', note.id)!.body).toBe(before);
  });

  it('offers a highlight’s two memos to merge; the merged memo becomes the one version', async () => {
    const { ana, ben, h } = await pairWithPassage('x');
    await ana.call('highlightUpdate', { id: h.id, memo: 'Source: ministry\nQuote checked\nDate unclear' });
    await syncAll(ana, ben);
    await ana.call('highlightUpdate', {
      id: h.id,
      memo: 'Source: ministry spokesman\nQuote checked\nDate unclear',
    });
    await ben.call('highlightUpdate', { id: h.id, memo: 'Source: ministry\nQuote checked\nDated 2017' });
    await syncAll(ana, ben);
    const [conflict] = await ana.engine.listConflicts();
    expect(conflict!.draft).toEqual({
      field: 'memo',
      text: 'Source: ministry spokesman\nQuote checked\nDated 2017',
      conflicts: 0,
    });
    const current = conflict!.versions.find((v) => v.current)!.record as object;
    await ana.engine.settle(conflict!.docId, { ...current, memo: conflict!.draft!.text });
    await syncAll(ana, ben);
    for (const m of [ana, ben]) {
      expect(m.core.session().store.get('highlight', h.id)!.memo).toBe(
        'Source: ministry spokesman\nQuote checked\nDated 2017',
      );
      expect(m.engine.conflictIds()).toEqual([]);
    }
  });

  it('offers no merge when both changed the same line; choosing the losing version makes it current everywhere', async () => {
    const [ana, ben] = await pair();
    const note = await ana.call('noteCreate', { title: 'Plan', body: 'One line' });
    await syncAll(ana, ben);
    await ana.call('noteUpdate', { id: note.id, body: 'Ana’s line' });
    await ben.call('noteUpdate', { id: note.id, body: 'Ben’s line' });
    await syncAll(ana, ben);
    const [conflict] = await ben.engine.listConflicts();
    expect(conflict!.merged).toBeNull();
    // The merge editor starts from both lines between markers named for who wrote them, the current one first.
    const [first, second] = conflict!.versions.map((v) => v.by);
    const line = (by: string | null | undefined) => (by === 'ana' ? 'Ana’s line' : 'Ben’s line');
    expect(conflict!.draft).toEqual({
      field: 'body',
      text: [`<<<<<<< ${first}`, line(first), '=======', line(second), `>>>>>>> ${second}`].join('\n'),
      conflicts: 1,
    });
    const loser = conflict!.versions.find((v) => !v.current)!;
    await ben.engine.settle(conflict!.docId, loser.record);
    await syncAll(ben, ana);
    const body = (loser.record as { body: string }).body;
    for (const m of [ana, ben]) {
      expect(m.core.session().store.get('note', note.id)!.body).toBe(body);
      expect(m.engine.conflictIds()).toEqual([]);
    }
  });

  it('a highlight kept after a deletion collided with a memo edit stops being flagged once acknowledged', async () => {
    const { ana, ben, h } = await pairWithPassage('x');
    await syncAll(ana, ben);
    await ana.call('highlightDelete', { id: h.id });
    await ben.call('highlightUpdate', { id: h.id, memo: 'Keep this thought' });
    await syncAll(ana, ben);
    const [conflict] = await ana.engine.listConflicts();
    expect(conflict).toMatchObject({ type: 'deleted', id: h.id });
    await ana.engine.settle(conflict!.docId, conflict!.versions.find((v) => v.record)!.record);
    await syncAll(ana, ben);
    expect(await ben.engine.listConflicts()).toEqual([]);
    expect(ben.core.session().store.get('highlight', h.id)?.memo).toBe('Keep this thought');
  });
});
