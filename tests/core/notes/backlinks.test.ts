import { describe, expect, it } from 'vitest';
import { articleBacklinks, noteBacklinks } from '../../../src/main/core/notes/backlinks';
import { missingLinkTargets } from '../../../src/main/core/notes/wikilinks';
import type { Note } from '../../../src/main/core/types';

const note = (id: string, title: string, body: string): Note => ({
  id,
  title,
  body,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

const arms = note('n1', 'Arms deals', 'Su-30SM jets, see [[Timeline]]. Links to itself: [[Arms deals]].');
const timeline = note(
  'n2',
  'Timeline',
  [
    'Intro line.',
    '  In 2021 the [[arms DEALS|deals]] grew.  ',
    '> Myanmar ordered six Sukhoi Su-30SM fighter jets.',
    '> — [The Ties](quire://article/a1?passage=p1&highlight=h1)',
  ].join('\n'),
);
const other = note(
  'n3',
  'Other',
  'See [the article](quire://article/a1) and [[Nowhere]] and [[nowhere]] and [[Timeline]].',
);

describe('noteBacklinks', () => {
  it('lists notes linking to the title in any case, with the line as read (no Markdown) as context, never the note itself', () => {
    expect(noteBacklinks([arms, timeline, other], arms)).toEqual([
      {
        noteId: 'n2',
        noteTitle: 'Timeline',
        context: 'In 2021 the deals grew.',
        kind: 'link',
      },
    ]);
    expect(noteBacklinks([arms, timeline, other], timeline).map((b) => b.noteId)).toEqual(['n1', 'n3']);
  });

  it('cuts long lines to a window around the link', () => {
    const long = note('n4', 'Long', `${'word '.repeat(100)}[[Timeline]]${' more'.repeat(100)}`);
    const [b] = noteBacklinks([long], timeline);
    expect(b?.context).toContain(' Timeline ');
    expect(b?.context).not.toContain('[[');
    expect([...(b?.context ?? '')].length).toBeLessThanOrEqual(162);
    expect(b?.context.startsWith('…')).toBe(true);
  });
});

describe('articleBacklinks', () => {
  it('lists notes citing the article: a citation block shows its quote, a prose link its line', () => {
    expect(articleBacklinks([arms, timeline, other], 'a1')).toEqual([
      {
        noteId: 'n2',
        noteTitle: 'Timeline',
        context: 'Myanmar ordered six Sukhoi Su-30SM fighter jets.',
        kind: 'citation',
      },
      {
        noteId: 'n3',
        noteTitle: 'Other',
        context: 'See the article and Nowhere and nowhere and Timeline.',
        kind: 'citation',
      },
    ]);
    expect(articleBacklinks([arms, timeline, other], 'a9')).toEqual([]);
  });
});

describe('missingLinkTargets', () => {
  it('lists each title that no note has yet, once', () => {
    expect(missingLinkTargets(other.body, [arms, timeline, other])).toEqual(['Nowhere']);
    expect(missingLinkTargets(arms.body, [arms, timeline])).toEqual([]);
  });
});
