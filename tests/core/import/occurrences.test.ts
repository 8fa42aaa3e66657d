import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { occurrences } from '../../../src/main/core/import/occurrences';

describe('occurrences', () => {
  it('finds exactly the patterns that String.includes finds', () => {
    const small = fc.string({ unit: fc.constantFrom('a', 'b', 'ab', ' ', '\n', 'é', '😀'), maxLength: 30 });
    fc.assert(
      fc.property(small, fc.array(small, { maxLength: 12 }), (text, patterns) => {
        expect(occurrences(text, patterns)).toEqual(patterns.map((p) => text.includes(p)));
      }),
      { numRuns: 200 },
    );
  });

  it('answers in one pass on periodic text, where includes slows to text × pattern', () => {
    const text = '&a'.repeat(100_000);
    const almost = `${'&a'.repeat(50_000)}&b`;
    expect(occurrences(text, [almost, '&a&a', 'a&'])).toEqual([false, true, true]);
  });

  it('stays exact when one prefix branches into many different characters', () => {
    const patterns = Array.from({ length: 3000 }, (_, i) => `x${String.fromCharCode(0x4e00 + i)}`);
    const text = `${'x'.repeat(10_000)}${String.fromCharCode(0x4e00 + 2999)}`;
    const found = occurrences(text, patterns);
    expect(found?.filter(Boolean)).toHaveLength(1);
    expect(found?.[2999]).toBe(true);
  });

  it('declines patterns too large to index', () => {
    expect(occurrences('x', ['y'.repeat(8_000_001)])).toBeNull();
  });
});
