// The pure pieces of the note editor's core: link targets, unlinked mentions, outlines, templates, narrowing.
import { describe, expect, it } from 'vitest';
import { linkKey, linkTitle, splitTarget } from '../../../src/main/core/notes/link-targets';
import { findMentions, linkMentions } from '../../../src/main/core/notes/mentions';
import { outlineOf } from '../../../src/main/core/notes/outline';
import { fillTemplate, isTemplate } from '../../../src/main/core/notes/templates';
import { BigramNarrower } from '../../../src/main/core/search/narrow';

describe('link targets', () => {
  it.each([
    ['Ties of Myanmar#^p1a2b3c4d', { title: 'Ties of Myanmar', block: 'p1a2b3c4d', heading: null }],
    ['C# notes#^h7', { title: 'C# notes', block: 'h7', heading: null }],
    ['Arms deals#Contracts', { title: 'Arms deals', block: null, heading: 'Contracts' }],
    ['  Arms deals ', { title: 'Arms deals', block: null, heading: null }],
  ])('%s', (full, expected) => {
    expect(splitTarget(full)).toEqual(expected);
  });

  it('writes an article title so a link can hold it, and matches it back whatever the case', () => {
    expect(linkTitle('Q&A: [Russia] | Myanmar #1 ^up')).toBe('Q&A: Russia Myanmar 1 up');
    expect(linkKey('Q&A: [Russia] | Myanmar #1 ^up')).toBe(linkKey('q&a:  russia myanmar 1 up'));
  });
});

describe('unlinked mentions', () => {
  const title = 'Alexander Fomin';

  it('finds whole-word mentions in prose, never in code, links or addresses', () => {
    const body = [
      'Alexander Fomin met him. alexander  fomin again.', // two
      '[[Alexander Fomin]] and [Alexander Fomin](https://x.org) are links.',
      '`Alexander Fomin` and https://x.org/Alexander%20Fomin are not prose.',
      'Alexander Fominov is another man; MrAlexander Fomin is not a word.',
      '```\nAlexander Fomin\n```',
    ].join('\n');
    expect(findMentions(body, title).map(([s, e]) => body.slice(s, e))).toEqual([
      'Alexander Fomin',
      'alexander  fomin',
    ]);
  });

  it('links each mention so the sentence reads as before', () => {
    expect(linkMentions('Alexander Fomin met alexander fomin.', title)).toBe(
      '[[Alexander Fomin]] met [[Alexander Fomin|alexander fomin]].',
    );
  });

  it('does not look for titles of one or two letters', () => {
    expect(findMentions('a b c', 'b')).toEqual([]);
  });
});

describe('outline', () => {
  it('lists ATX headings with their level and offset, skipping fenced code', () => {
    const md = '# One\ntext\n## Two ##\n```\n# not a heading\n```\n#nospace\n   ### Three\n';
    expect(outlineOf(md)).toEqual([
      { level: 1, text: 'One', from: 0 },
      { level: 2, text: 'Two', from: 11 },
      { level: 3, text: 'Three', from: md.indexOf('   ### Three') },
    ]);
  });
});

describe('templates', () => {
  it('are notes titled Templates/…', () => {
    expect(isTemplate('Templates/Interview')).toBe(true);
    expect(isTemplate('templates/daily')).toBe(true);
    expect(isTemplate('My templates')).toBe(false);
  });

  it('fill title, date and time, in any case and spacing, and leave other braces alone', () => {
    const values = { title: 'Ko Ye', date: '2026-11-22', time: '09:30' };
    expect(fillTemplate('{{Title}} on {{ date }} at {{time}}; {{author}}', values)).toBe(
      'Ko Ye on 2026-11-22 at 09:30; {{author}}',
    );
  });
});

describe('bigram narrowing', () => {
  const titles = ['The Ties of Myanmar with Russia', 'Pantšir deliveries', 'Fomin visits', 'Unrelated'];
  const narrower = new BigramNarrower(titles);
  const found = (q: string) => narrower.candidates(q, 10).map((i) => titles[i]);

  it('keeps what shares most bigrams, through typos and accents', () => {
    expect(found('fomen')).toEqual(['Fomin visits']);
    expect(found('pantsir')).toEqual(['Pantšir deliveries']);
    expect(found('myanmar rusia')[0]).toBe('The Ties of Myanmar with Russia');
  });

  it('a single letter keeps the titles holding it', () => {
    expect(found('v')).toEqual(['Pantšir deliveries', 'Fomin visits']);
  });
});
