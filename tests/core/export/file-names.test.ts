import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_BYTES, safeFileName } from '../../../src/main/core/export/file-names';

const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;
const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('safeFileName', () => {
  it('keeps ordinary titles readable', () => {
    const taken = new Set<string>();
    expect(safeFileName('The Ties of Myanmar with Russia', taken)).toBe('The Ties of Myanmar with Russia.md');
    expect(
      safeFileName('Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?', taken),
    ).toBe('Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation.md');
    expect(safeFileName('Russia: arms/ships \\ "2021"', taken)).toBe("Russia - arms-ships - '2021'.md");
  });

  it('neutralises paths, hidden names, reserved Windows names and trailing dots', () => {
    const taken = new Set<string>();
    expect(safeFileName('../../etc/passwd', taken)).toBe('-..-etc-passwd.md');
    expect(safeFileName('..', taken)).toBe('Untitled.md');
    expect(safeFileName('.hidden', taken)).toBe('hidden.md');
    expect(safeFileName('con', taken)).toBe('con_.md');
    expect(safeFileName('LPT1.txt', taken)).toBe('LPT1_.txt.md');
    expect(safeFileName('Notes on Nul and Void', taken)).toBe('Notes on Nul and Void.md');
    expect(safeFileName('Ending. . .  ', taken)).toBe('Ending.md');
    expect(safeFileName('tab\there\u0000\u202ereversed', taken)).toBe('tab here reversed.md');
    expect(safeFileName('   ', taken)).toBe('Untitled (2).md');
  });

  it('numbers collisions, ignoring case as macOS and Windows do', () => {
    const taken = new Set<string>();
    expect(safeFileName('Timeline', taken)).toBe('Timeline.md');
    expect(safeFileName('timeline', taken)).toBe('timeline (2).md');
    expect(safeFileName('TIMELINE', taken)).toBe('TIMELINE (3).md');
    expect(taken.size).toBe(3);
  });

  it('limits long titles by UTF-8 bytes without splitting characters', () => {
    const title = 'မြန်မာ'.repeat(40) + '😀'.repeat(40);
    const name = safeFileName(title, new Set());
    expect(bytes(name.slice(0, -3))).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(title.startsWith(name.slice(0, -3))).toBe(true);
  });

  it('is always a safe, unique .md name (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.string({ unit: 'binary' }),
            fc.string({ unit: 'binary-ascii' }),
            fc.constantFrom('CON', 'nul.txt', '..', 'a/b', ' . '),
          ),
          { maxLength: 30 },
        ),
        (titles) => {
          const taken = new Set<string>();
          const names = titles.map((t) => safeFileName(t, taken));
          const lower = new Set(names.map((n) => n.toLowerCase()));
          expect(lower.size).toBe(names.length);
          for (const name of names) {
            expect(taken.has(name)).toBe(true);
            expect(name.endsWith('.md')).toBe(true);
            expect(name).not.toMatch(/[/\\<>:"|?*\p{Cc}]/u);
            const base = name.slice(0, -3);
            expect(base).not.toMatch(/^\.*$/);
            expect(base).not.toMatch(/^[\s.]|[\s.]$/);
            expect(RESERVED.test(base.split('.')[0]?.trim() ?? '')).toBe(false);
            expect(bytes(name)).toBeLessThanOrEqual(MAX_NAME_BYTES + 20);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
