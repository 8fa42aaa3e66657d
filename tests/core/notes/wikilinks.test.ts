import { describe, expect, it } from 'vitest';
import { parseWikilinks, renameWikilinks, sameTitle } from '../../../src/main/core/notes/wikilinks';

describe('parseWikilinks', () => {
  it('finds plain, aliased and heading links with their positions', () => {
    const body = 'See [[Russia arms deals]] and [[Fomin visit|the visit]], also [[Timeline#2021|in 2021]].';
    const links = parseWikilinks(body);
    expect(links.map((l) => [l.target, l.alias, l.heading])).toEqual([
      ['Russia arms deals', null, null],
      ['Fomin visit', 'the visit', null],
      ['Timeline', 'in 2021', '2021'],
    ]);
    const first = links[0];
    expect(first && body.slice(first.start, first.end)).toBe('[[Russia arms deals]]');
  });

  it('ignores links inside fenced and inline code, and escaped ones', () => {
    const body = [
      'Real [[One]].',
      '```',
      '[[Not a link]]',
      '```',
      'Inline `[[Nope]]` and ``code with ` [[Nope2]]`` then [[Two]].',
      '~~~md',
      '[[Nor this]]',
      '~~~',
      'Escaped \\[[Three]] stays text.',
    ].join('\n');
    expect(parseWikilinks(body).map((l) => l.target)).toEqual(['One', 'Two']);
  });

  it('treats an unclosed backtick as a literal character', () => {
    expect(parseWikilinks('a ` b [[Link]]').map((l) => l.target)).toEqual(['Link']);
  });
});

describe('sameTitle', () => {
  it('compares titles ignoring case, extra whitespace and Unicode normalization', () => {
    expect(sameTitle('Russia  Arms', ' russia arms ')).toBe(true);
    expect(sameTitle('Café', 'Cafe\u0301')).toBe(true);
    expect(sameTitle('Russia', 'Russian')).toBe(false);
  });
});

describe('renameWikilinks', () => {
  it('renames links in any case, keeping aliases, headings and other links as written', () => {
    const body =
      'Compare [[fomin visit]] with [[Fomin Visit|the Moscow trip]] and [[FOMIN VISIT#Day 2|day two]]; ' +
      'not [[Fomin visits]]. `[[Fomin visit]]` is code.';
    expect(renameWikilinks(body, 'Fomin visit', 'Moscow forum')).toBe(
      'Compare [[Moscow forum]] with [[Moscow forum|the Moscow trip]] and [[Moscow forum#Day 2|day two]]; ' +
        'not [[Fomin visits]]. `[[Fomin visit]]` is code.',
    );
  });

  it('handles titles containing # (linked whole, or as title + heading)', () => {
    expect(renameWikilinks('[[C# notes]] vs [[C#Intro|intro]]', 'C# notes', 'Sharp')).toBe(
      '[[Sharp]] vs [[C#Intro|intro]]',
    );
    expect(renameWikilinks('[[C# notes]] vs [[C#Intro|intro]]', 'C', 'Lang')).toBe(
      '[[Lang# notes]] vs [[Lang#Intro|intro]]',
    );
  });

  it('leaves a body without matching links unchanged', () => {
    const body = 'Nothing to see [[Elsewhere]].';
    expect(renameWikilinks(body, 'Fomin', 'Other')).toBe(body);
  });
});
