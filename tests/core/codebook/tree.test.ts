import { describe, expect, it } from 'vitest';
import {
  buildTree,
  cycleVia,
  descendantsOf,
  flatten,
  pathText,
  searchNamesOf,
  splitPath,
} from '../../../src/main/core/codebook/tree';
import { tag } from './fixture';

const tags = [
  tag('actors', 'Actors'),
  tag('russia', 'Russia', 'actors'),
  tag('mod', 'Ministry of Defence', 'russia'),
  tag('china', 'China', 'actors', { order: -1 }),
  tag('themes', 'Themes'),
];

describe('the codebook tree', () => {
  const tree = buildTree(tags);

  it('lists tags depth first, siblings by manual order then name', () => {
    expect(flatten(tree).map((e) => `${'  '.repeat(e.depth)}${e.tag.name}`)).toEqual([
      'Actors',
      '  China',
      '  Russia',
      '    Ministry of Defence',
      'Themes',
    ]);
  });

  it('gives paths and descendants', () => {
    expect(pathText(tree, 'mod')).toBe('Actors / Russia / Ministry of Defence');
    expect(descendantsOf(tree, 'actors').map((t) => t.id)).toEqual(['china', 'russia', 'mod']);
    expect(descendantsOf(tree, 'themes')).toEqual([]);
  });

  it('names the would-be parent that makes a loop, and nothing for a fine move', () => {
    expect(cycleVia(tree, 'actors', 'mod')?.id).toBe('mod');
    expect(cycleVia(tree, 'actors', 'actors')?.id).toBe('actors');
    expect(cycleVia(tree, 'mod', 'themes')).toBeNull();
    expect(cycleVia(tree, 'russia', null)).toBeNull();
  });

  it('answers search to its name and path and to each ancestor’s', () => {
    expect(searchNamesOf(tree, 'mod')).toEqual([
      'Ministry of Defence',
      'Actors/Russia/Ministry of Defence',
      'Russia',
      'Actors/Russia',
      'Actors',
    ]);
    expect(searchNamesOf(tree, 'themes')).toEqual(['Themes']);
  });

  it('reads typed paths leniently', () => {
    expect(splitPath(' Actors /Russia//  Ministry  of Defence ')).toEqual([
      'Actors',
      'Russia',
      'Ministry of Defence',
    ]);
  });

  it('shows a tag whose parent is missing or in a loop at the top level instead of losing it', () => {
    const broken = buildTree([tag('a', 'A', 'b'), tag('b', 'B', 'a'), tag('c', 'C', 'gone')]);
    expect(flatten(broken).map((e) => [e.tag.id, e.depth])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ]);
  });
});
