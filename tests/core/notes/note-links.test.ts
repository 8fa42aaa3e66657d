// The note editor's API over a real notebook holding the two seed articles: `[[` suggestions over everything,
// embeds, the panels around a note, linking unlinked mentions in one commit, the graph, templates, daily notes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestNotebook, seedsDir, type TestNotebook } from '../../helpers/notebook';

const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
const jets = 'Myanmar ordered six Sukhoi Su-30SM fighter jets';

describe('links to anything', () => {
  let nb: TestNotebook;
  let tiesId: string;
  let visitId: string;

  beforeEach(async () => {
    nb = await openTestNotebook();
    const report = await nb.call('importPaths', { paths: [seedsDir] });
    tiesId = report.imported.find((i) => i.title === ties)?.id ?? '';
    visitId = report.imported.find((i) => i.title === visit)?.id ?? '';
  });
  afterEach(() => nb.cleanup());

  async function tagJets(): Promise<{ highlightId: string; passageId: string }> {
    const view = await nb.call('articleGet', { id: tiesId });
    const start = view.text.indexOf(jets);
    const h = await nb.call('highlightCreate', {
      articleId: tiesId,
      start,
      end: start + jets.length,
      tagNames: ['arms-trade'],
    });
    return { highlightId: h.id, passageId: h.passageId };
  }

  it('suggests notes, articles, tags and highlights by a mistyped name, notes first on ties', async () => {
    await tagJets();
    await nb.call('noteCreate', { title: 'Russia ties' });
    const russia = await nb.call('linkSuggest', { query: 'rusia' });
    expect(russia[0]).toMatchObject({ kind: 'note', title: 'Russia ties', target: 'Russia ties' });
    expect(russia.map((s) => s.title)).toEqual(expect.arrayContaining([ties, visit]));

    const tag = await nb.call('linkSuggest', { query: 'arms trade' });
    expect(tag.find((s) => s.kind === 'tag')).toMatchObject({
      title: 'arms-trade',
      target: 'tag:arms-trade',
    });

    const sukhoi = await nb.call('linkSuggest', { query: 'sukhoi jets' });
    const highlight = sukhoi.find((s) => s.kind === 'highlight');
    expect(highlight?.title).toBe(jets);
    expect(highlight?.target).toMatch(new RegExp(`^${ties}#\\^h\\d+$`));
    expect(highlight?.detail).toContain('arms-trade');
  });

  it('after `Article#` lists its highlights then its passages, filtered by the words after the #', async () => {
    const { highlightId, passageId } = await tagJets();
    const all = await nb.call('linkSuggest', { query: `${ties}#`, limit: 100 });
    expect(all[0]).toMatchObject({ kind: 'highlight', id: highlightId });
    const passages = all.filter((s) => s.kind === 'passage');
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) expect(p.target).toMatch(new RegExp(`^${ties}#\\^p[0-9a-f]{8}(-\\d+)?$`));

    const fighters = await nb.call('linkSuggest', { query: 'ties myanmar#fighter jets' });
    // A mistyped title still finds the article; the words after # find the passage holding them.
    expect(fighters.find((s) => s.kind === 'passage')?.id).toBe(passageId);
  });

  it('embeds a passage with its tags, a highlight, a note, and says what is missing', async () => {
    const { highlightId, passageId } = await tagJets();
    await nb.call('noteCreate', { title: 'Arms deals', body: 'Six jets.' });
    const [passage, highlight, note, tag, missing, gone] = await nb.call('embedResolve', {
      targets: [
        `${ties}#^${passageId}`,
        `${ties}#^${highlightId}`,
        'arms deals',
        'tag:arms-trade',
        'Nobody wrote this',
        `${ties}#^b00000000`,
      ],
    });
    expect(passage).toMatchObject({ kind: 'passage', articleId: tiesId, passageId, highlightId: null });
    expect(passage?.kind === 'passage' && passage.text).toContain(jets);
    expect(passage?.kind === 'passage' && passage.tags.map((t) => t.name)).toEqual(['arms-trade']);
    expect(highlight).toMatchObject({ kind: 'passage', highlightId, text: jets });
    expect(note).toMatchObject({ kind: 'note', title: 'Arms deals', body: 'Six jets.' });
    expect(tag).toMatchObject({ kind: 'tag', name: 'arms-trade', count: 1 });
    expect(missing).toMatchObject({
      kind: 'missing',
      message: 'Nothing called “Nobody wrote this” in this notebook yet.',
    });
    expect(gone?.kind === 'missing' && gone.message).toContain('no longer has that passage');
  });

  it('lists where links lead and the passages a note cites', async () => {
    const { highlightId, passageId } = await tagJets();
    const { markdown } = await nb.call('citationFor', { highlightId });
    await nb.call('noteCreate', { title: 'Arms deals' });
    const note = await nb.call('noteCreate', {
      title: 'Russia ties',
      body: `See [[Arms deals]], [[tag:arms-trade]], [[Nowhere]] and ![[${visit}]].\n\n${markdown}\n\n[[${ties}#^${passageId}]]\n`,
    });
    const links = await nb.call('noteLinks', { id: note.id });
    expect(links.outgoing.map((l) => [l.kind, l.title, l.embed])).toEqual([
      ['note', 'Arms deals', false],
      ['tag', 'arms-trade', false],
      ['missing', 'Nowhere', false],
      ['article', visit, true],
      ['passage', ties, false],
    ]);
    // The citation and the passage link name the same passage: listed as the highlight, then the whole passage.
    expect(links.cited.map((c) => [c.highlightId, c.passageId])).toEqual([
      [highlightId, passageId],
      [null, passageId],
    ]);
    expect(links.cited[0]).toMatchObject({ articleTitle: ties, text: jets });
    expect(links.cited[0]?.tags.map((t) => t.name)).toEqual(['arms-trade']);
  });

  it('finds unlinked mentions in notes and articles and links each with one commit', async () => {
    const fomin = await nb.call('noteCreate', { title: 'Alexander Fomin', body: '' });
    const other = await nb.call('noteCreate', {
      title: 'Visit',
      body: 'alexander fomin said so. [[Alexander Fomin]] again. `Alexander Fomin` in code.\nAlexander Fominov is someone else.',
    });
    const before = await nb.call('noteLinks', { id: fomin.id });
    expect(before.mentions.map((m) => [m.kind, m.title, m.count])).toEqual([
      ['note', 'Visit', 1],
      // Articles: how many passages name him.
      ['article', visit, 6],
      ['article', ties, 1],
    ]);
    expect(before.mentions[0]?.context).toBe(
      'alexander fomin said so. Alexander Fomin again. Alexander Fomin in code.',
    );
    const article = before.mentions[1];
    expect(article?.context).toContain('Alexander Fomin');

    const seq = nb.core.session().store.seq;
    const linked = await nb.call('noteLinkMention', { id: fomin.id, source: { kind: 'note', id: other.id } });
    expect(linked.body.startsWith('[[Alexander Fomin|alexander fomin]] said so.')).toBe(true);
    expect(linked.body).toContain('`Alexander Fomin` in code');
    expect(nb.core.session().store.seq).toBe(seq + 1);
    expect((await nb.call('undoState', {})).undo).toBe('Undo: Link “Alexander Fomin” in “Visit”');

    const withArticle = await nb.call('noteLinkMention', {
      id: fomin.id,
      source: { kind: 'article', id: visitId, passageId: article?.passageId ?? null },
    });
    expect(withArticle.body).toBe(`[[${visit}#^${article?.passageId}]]\n`);
    expect(nb.core.session().store.seq).toBe(seq + 2);
    const after = await nb.call('noteLinks', { id: fomin.id });
    expect(after.mentions.map((m) => m.title)).toEqual([ties]);
    expect((await nb.call('noteGet', { id: fomin.id })).backlinks.map((b) => b.noteTitle)).toEqual(['Visit']);
  });

  it('draws notes, articles and tags with their links, and a local graph around a note', async () => {
    const { highlightId } = await tagJets();
    const { markdown } = await nb.call('citationFor', { highlightId });
    await nb.call('noteCreate', { title: 'Templates/Meeting', body: '[[Arms deals]]' });
    const deals = await nb.call('noteCreate', { title: 'Arms deals', body: `${markdown}\n` });
    const ties2 = await nb.call('noteCreate', { title: 'Russia ties', body: 'See [[Arms deals]].' });
    const whole = await nb.call('noteGraph', {});
    expect(whole.nodes.map((n) => n.label).sort()).toEqual(
      ['Arms deals', 'Russia ties', ties, visit, 'arms-trade'].sort(),
    );
    expect(whole.edges).toEqual(
      expect.arrayContaining([
        { source: `n:${ties2.id}`, target: `n:${deals.id}`, kind: 'link' },
        { source: `n:${deals.id}`, target: `a:${tiesId}`, kind: 'cites' },
        { source: `a:${tiesId}`, target: expect.stringMatching(/^t:/), kind: 'tagged' },
      ]),
    );
    expect(whole.edges).toHaveLength(3);

    const near = await nb.call('noteGraph', { center: { kind: 'note', id: ties2.id }, depth: 1 });
    expect(near.center).toBe(`n:${ties2.id}`);
    expect(near.nodes.map((n) => n.label).sort()).toEqual(['Arms deals', 'Russia ties']);
    const far = await nb.call('noteGraph', { center: { kind: 'note', id: ties2.id }, depth: 3 });
    expect(far.nodes.map((n) => n.label).sort()).toEqual(
      ['Arms deals', 'Russia ties', ties, 'arms-trade'].sort(),
    );
  });

  it('creates a note from a template and opens or creates the daily note', async () => {
    const template = await nb.call('noteCreate', {
      title: 'Templates/Interview',
      body: '# {{title}}\n\nDate: {{ date }} at {{time}}. {{unknown}} stays.\n',
    });
    const note = await nb.call('noteFromTemplate', {
      templateId: template.id,
      title: 'Ko Ye',
      date: '2026-11-22',
      time: '09:30',
    });
    expect(note.body).toBe('# Ko Ye\n\nDate: 2026-11-22 at 09:30. {{unknown}} stays.\n');
    await expect(
      nb.call('noteFromTemplate', {
        templateId: template.id,
        title: 'ko ye',
        date: '2026-11-22',
        time: '09:30',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const first = await nb.call('noteDaily', { date: '2026-11-22', time: '08:00' });
    expect(first).toMatchObject({ created: true, note: { title: '2026-11-22', body: '# 2026-11-22\n\n' } });
    const again = await nb.call('noteDaily', { date: '2026-11-22', time: '18:00' });
    expect(again).toEqual({ created: false, note: first.note });

    await nb.call('noteCreate', { title: 'Templates/Daily', body: '## {{date}}\n\n- [ ] ' });
    const next = await nb.call('noteDaily', { date: '2026-11-23', time: '08:00' });
    expect(next.note.body).toBe('## 2026-11-23\n\n- [ ] ');
  });
});
