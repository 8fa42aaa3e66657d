// The note merge the Conflicts view offers: clean when no line changed on both sides, otherwise the same merge with
// git-style markers around each stretch both changed, for the researcher to finish by hand.
import { describe, expect, it } from 'vitest';
import { countConflictMarkers } from '../../../src/main/core/sync/conflict-markers';
import { markedWhole, mergeClean, mergeWithMarkers } from '../../../src/main/core/sync/three-way';

const names = { ours: 'Ana', theirs: 'Ben' };

describe('mergeWithMarkers', () => {
  it('merges changes to different lines cleanly, with no markers', () => {
    const merged = mergeWithMarkers(
      'Intro\nMiddle\nEnd',
      'Intro by Ana\nMiddle\nEnd',
      'Intro\nMiddle\nEnd by Ben',
      names,
    );
    expect(merged).toEqual({ text: 'Intro by Ana\nMiddle\nEnd by Ben', conflicts: 0 });
    expect(mergeClean('Intro\nMiddle\nEnd', 'Intro by Ana\nMiddle\nEnd', 'Intro\nMiddle\nEnd by Ben')).toBe(
      merged.text,
    );
  });

  it('keeps both versions of a line both changed between markers named for their writers; the rest merges', () => {
    const base = 'Title\nKept\nOne line\nTail';
    const merged = mergeWithMarkers(
      base,
      'Title by Ana\nKept\nAna’s line\nTail',
      'Title\nKept\nBen’s line\nTail',
      names,
    );
    expect(merged.conflicts).toBe(1);
    expect(merged.text).toBe(
      [
        'Title by Ana',
        'Kept',
        '<<<<<<< Ana',
        'Ana’s line',
        '=======',
        'Ben’s line',
        '>>>>>>> Ben',
        'Tail',
      ].join('\n'),
    );
    expect(
      mergeClean(base, 'Title by Ana\nKept\nAna’s line\nTail', 'Title\nKept\nBen’s line\nTail'),
    ).toBeNull();
  });

  it('counts each conflicting stretch once, and the same change made on both sides is no conflict', () => {
    const base = 'a\nb\nc\nd\ne';
    const merged = mergeWithMarkers(base, 'A1\nb\nsame\nd\nE1', 'A2\nb\nsame\nd\nE2', names);
    expect(merged.conflicts).toBe(2);
    expect(merged.text.split('\n').filter((l) => l === 'same')).toHaveLength(1);
    expect(countConflictMarkers(merged.text)).toBe(6);
  });

  it('without the version both started from, marks both texts whole', () => {
    expect(markedWhole('mine', 'theirs', names)).toEqual({
      text: '<<<<<<< Ana\nmine\n=======\ntheirs\n>>>>>>> Ben',
      conflicts: 1,
    });
  });
});

describe('countConflictMarkers', () => {
  it('finds marker lines left in a hand-edited merge, and nothing in ordinary Markdown', () => {
    expect(countConflictMarkers('Done.\n\n=======\n')).toBe(1);
    expect(countConflictMarkers('<<<<<<< Ana\nx\n>>>>>>> Ben')).toBe(2);
    // A Setext heading underline and quotes are not markers.
    expect(countConflictMarkers('Heading\n=======ish\n> quoted\n<<< not one')).toBe(0);
  });
});
