import { describe, expect, it } from 'vitest';
import type { SwitcherItem } from '../../../src/main/core/api-contract';
import { createSwitcher } from '../../../src/main/core/search/switcher';

const item = (kind: SwitcherItem['kind'], title: string, detail = ''): SwitcherItem => ({
  kind,
  id: `${kind}:${title}`,
  title,
  detail,
});

const items: SwitcherItem[] = [
  item('article', 'The Ties of Myanmar with Russia', 'The Irrawaddy · 2021-08-26'),
  item(
    'article',
    'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?',
    'The Irrawaddy',
  ),
  item('article', 'Rice exports fall as monsoon arrives late', 'Frontier Myanmar'),
  item('note', 'Fomin — profile and timeline', 'note'),
  item('tag', 'air defence', 'tag'),
  item('tag', 'arms trade', 'tag'),
  item('article', 'Pantšir deliveries delayed', 'Mizzima'),
];

const switcher = createSwitcher(items);
const first = (query: string): string | undefined => switcher(query, 5)[0]?.title;

describe('createSwitcher', () => {
  it.each([
    ['ties', 'The Ties of Myanmar with Russia'],
    ['russia visit', 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?'],
    ['fomin', 'Fomin — profile and timeline'],
    ['fomn', 'Fomin — profile and timeline'],
    ['air def', 'air defence'],
    ['arms', 'arms trade'],
    ['monsoon', 'Rice exports fall as monsoon arrives late'],
    ['pantsir', 'Pantšir deliveries delayed'],
    ['MYANMAR RUSSIA', 'The Ties of Myanmar with Russia'],
  ])('%s → %s', (query, title) => {
    expect(first(query)).toBe(title);
  });

  it('finds nothing for a query unlike every title', () => {
    expect(switcher('xqzvkj', 5)).toEqual([]);
  });

  it('lists the first items in the given order for an empty query', () => {
    expect(switcher('', 3)).toEqual(items.slice(0, 3));
    expect(switcher('   ', 2)).toEqual(items.slice(0, 2));
  });

  it('honours the limit', () => {
    expect(switcher('a', 2).length).toBeLessThanOrEqual(2);
    expect(switcher('the', 1)).toHaveLength(1);
  });
});
