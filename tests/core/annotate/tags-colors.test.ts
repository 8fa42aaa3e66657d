import { describe, expect, it } from 'vitest';
import { nextTagColor, TAG_PALETTE } from '../../../src/main/core/annotate/colors';
import { passageAt } from '../../../src/main/core/annotate/passage-at';
import { findTagByName, normalizeTagName, tagCounts } from '../../../src/main/core/annotate/tags';
import type { Highlight, Passage, Tag } from '../../../src/main/core/types';

function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(n >> 16) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}
const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
};

describe('tag colours', () => {
  it('are visible (3:1) on light and dark backgrounds, and all different', () => {
    expect(TAG_PALETTE.length).toBeGreaterThanOrEqual(12);
    for (const c of TAG_PALETTE) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(2.9);
      expect(contrast(c, '#1e1e1e')).toBeGreaterThanOrEqual(2.9);
    }
    expect(new Set(TAG_PALETTE).size).toBe(TAG_PALETTE.length);
  });

  it('gives each new tag an unused colour, then the least used one', () => {
    const used: string[] = [];
    for (let i = 0; i < TAG_PALETTE.length; i++) used.push(nextTagColor(used));
    expect(new Set(used).size).toBe(TAG_PALETTE.length);
    expect(nextTagColor([...used, TAG_PALETTE[0].toUpperCase()])).toBe(TAG_PALETTE[1]);
  });
});

describe('tags', () => {
  const tag = (id: string, name: string): Tag => ({
    id,
    name,
    parentId: null,
    description: '',
    order: 0,
    color: '#e03131',
    memo: '',
    createdAt: '',
  });

  it('treat names that differ only in case or spacing as the same tag', () => {
    expect(normalizeTagName('  arms   trade\t')).toBe('arms trade');
    const tags = [tag('t1', 'Arms trade'), tag('t2', 'Russia')];
    expect(findTagByName(tags, ' arms  TRADE ')?.id).toBe('t1');
    expect(findTagByName(tags, 'China')).toBeUndefined();
    expect(findTagByName(tags, '   ')).toBeUndefined();
  });

  it('counts highlights per tag', () => {
    const h = (tagIds: string[]): Highlight => ({
      id: 'h',
      articleId: 'a1',
      passageId: 'p1',
      tagIds,
      position: { start: 0, end: 1 },
      quote: { exact: 'x', prefix: '', suffix: '' },
      memo: '',
      createdAt: '',
      orphaned: false,
    });
    const counts = tagCounts([h(['t1', 't2']), h(['t1']), h(['t1', 't1'])]);
    expect(counts.get('t1')).toBe(3);
    expect(counts.get('t2')).toBe(1);
    expect(counts.get('t3')).toBeUndefined();
  });
});

describe('passageAt', () => {
  const passages: Passage[] = [
    { id: 'a', kind: 'heading', start: 0, end: 10 },
    { id: 'b', kind: 'paragraph', start: 12, end: 40 },
    { id: 'c', kind: 'paragraph', start: 42, end: 90 },
  ];
  it('finds the passage holding an offset, and none in the gap between passages', () => {
    expect(passageAt(passages, 0)?.id).toBe('a');
    expect(passageAt(passages, 9)?.id).toBe('a');
    expect(passageAt(passages, 10)).toBeUndefined();
    expect(passageAt(passages, 12)?.id).toBe('b');
    expect(passageAt(passages, 89)?.id).toBe('c');
    expect(passageAt(passages, 90)).toBeUndefined();
    expect(passageAt([], 0)).toBeUndefined();
  });
});
