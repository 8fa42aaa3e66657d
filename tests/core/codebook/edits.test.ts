import { describe, expect, it } from 'vitest';
import { liftChildren, mergeTags, moveTag, splitTag } from '../../../src/main/core/codebook/edits';
import { buildTree, flatten } from '../../../src/main/core/codebook/tree';
import type { Transaction } from '../../../src/main/core/store/transaction';
import { hl, tag, transaction } from './fixture';

const outline = (tx: Transaction): string[] =>
  flatten(buildTree(tx.list('tag'))).map((e) => `${'  '.repeat(e.depth)}${e.tag.name}`);

const codebook = () => [
  tag('actors', 'Actors'),
  tag('russia', 'Russia', 'actors'),
  tag('mod', 'MoD', 'russia'),
  tag('state', 'State'),
  tag('themes', 'Themes'),
];

describe('moving tags', () => {
  it('puts a tag under another, last among its new siblings', () => {
    const { tx } = transaction({ tags: codebook() });
    moveTag(tx, 'state', { parentId: 'actors' });
    expect(outline(tx)).toEqual(['Actors', '  Russia', '    MoD', '  State', 'Themes']);
  });

  it('places a tag before a sibling and renumbers the siblings', () => {
    const { tx } = transaction({ tags: codebook() });
    moveTag(tx, 'themes', { before: 'actors' });
    expect(outline(tx)[0]).toBe('Themes');
    expect(
      tx
        .list('tag')
        .filter((t) => t.parentId === null)
        .map((t) => [t.name, t.order]),
    ).toEqual(
      expect.arrayContaining([
        ['Themes', 0],
        ['Actors', 1],
        ['State', 2],
      ]),
    );
  });

  it('moves a tag with its sub-tags to the top level, last', () => {
    const { tx } = transaction({ tags: codebook() });
    moveTag(tx, 'russia', { parentId: null });
    expect(outline(tx)).toEqual(['Actors', 'State', 'Themes', 'Russia', '  MoD']);
  });

  it('refuses a loop with a sentence naming both tags, and changes nothing', () => {
    const { tx } = transaction({ tags: codebook() });
    expect(() => moveTag(tx, 'actors', { parentId: 'mod' })).toThrow(
      '“Actors” cannot go under “Actors / Russia / MoD”, which sits inside it; move “MoD” out first or choose another parent.',
    );
    expect(() => moveTag(tx, 'actors', { parentId: 'actors' })).toThrow(/cannot sit under itself/);
    expect(tx.changes()).toEqual([]);
  });

  it('refuses a parent that does not exist', () => {
    const { tx } = transaction({ tags: codebook() });
    expect(() => moveTag(tx, 'state', { parentId: 'nope' })).toThrow(/no longer exists/);
  });
});

describe('merging tags', () => {
  it('retags highlights, collapses duplicates on one span keeping both memos, and keeps tag memos', () => {
    const tags = [
      tag('a', 'Actors', null, { memo: 'People and bodies.' }),
      tag('b', 'Agents', null, { memo: 'Who acts.', description: 'Anyone acting.' }),
      tag('x', 'Other'),
    ];
    const highlights = [
      hl('h1', 'art', 0, 10, ['a'], { memo: 'first reading' }),
      hl('h2', 'art', 0, 10, ['b', 'x'], { memo: 'second reading' }),
      hl('h3', 'art', 20, 30, ['b']),
      hl('h4', 'other', 5, 9, ['x']),
    ];
    const { tx, articlesWith } = transaction({ tags, highlights });
    const r = mergeTags(tx, ['b'], 'a', articlesWith);
    expect(r).toMatchObject({ retagged: 2, collapsed: 1, reparented: 0 });
    expect(tx.get('tag', 'b')).toBeUndefined();
    expect(tx.get('tag', 'a')).toMatchObject({
      memo: 'People and bodies.\n\nFrom “Agents”: Who acts.',
      description: 'Anyone acting.',
    });
    expect(tx.get('highlight', 'h2')).toBeUndefined();
    expect(tx.get('highlight', 'h1')).toMatchObject({
      tagIds: ['a', 'x'],
      memo: 'first reading\n\nsecond reading',
    });
    expect(tx.get('highlight', 'h3')?.tagIds).toEqual(['a']);
    expect(tx.get('highlight', 'h4')?.tagIds).toEqual(['x']);
  });

  it('moves the merged tags’ sub-tags under the target, and the target out of a merged parent', () => {
    const { tx, articlesWith } = transaction({ tags: codebook() });
    const r = mergeTags(tx, ['actors'], 'russia', articlesWith);
    expect(r.reparented).toBe(0);
    expect(outline(tx)).toEqual(['Russia', '  MoD', 'State', 'Themes']);

    const second = transaction({ tags: codebook() });
    expect(mergeTags(second.tx, ['russia', 'themes'], 'state', second.articlesWith).reparented).toBe(1);
    expect(outline(second.tx)).toEqual(['Actors', 'State', '  MoD']);
  });

  it('needs another tag to merge, and every tag to exist', () => {
    const { tx, articlesWith } = transaction({ tags: codebook() });
    expect(() => mergeTags(tx, ['actors'], 'actors', articlesWith)).toThrow(/at least one other tag/);
    expect(() => mergeTags(tx, ['gone'], 'actors', articlesWith)).toThrow(/no longer exists/);
  });
});

describe('splitting a tag', () => {
  it('moves the chosen highlights to the new tag and leaves the rest', () => {
    const tags = [tag('a', 'Actors'), tag('n', 'State actors')];
    const highlights = [hl('h1', 'x', 0, 5, ['a', 'z']), hl('h2', 'x', 6, 9, ['a'])];
    const { tx } = transaction({ tags, highlights });
    expect(splitTag(tx, 'a', ['h1'], tags[1]!)).toBe(1);
    expect(tx.get('highlight', 'h1')?.tagIds).toEqual(['n', 'z']);
    expect(tx.get('highlight', 'h2')?.tagIds).toEqual(['a']);
  });

  it('refuses a highlight that no longer carries the tag', () => {
    const tags = [tag('a', 'Actors'), tag('n', 'New')];
    const { tx } = transaction({ tags, highlights: [hl('h1', 'x', 0, 5, ['z'])] });
    expect(() => splitTag(tx, 'a', ['h1'], tags[1]!)).toThrow(/choose the passages again/);
  });
});

describe('deleting a parent', () => {
  it('lifts its sub-tags one level, into its place among the siblings', () => {
    const { tx } = transaction({ tags: codebook() });
    expect(liftChildren(tx, tx.get('tag', 'russia')!)).toBe(1);
    tx.remove('tag', 'russia');
    expect(outline(tx)).toEqual(['Actors', '  MoD', 'State', 'Themes']);

    const top = transaction({ tags: codebook() });
    expect(liftChildren(top.tx, top.tx.get('tag', 'actors')!)).toBe(1);
    top.tx.remove('tag', 'actors');
    expect(outline(top.tx)).toEqual(['Russia', '  MoD', 'State', 'Themes']);
  });
});
