import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveNotebookDir, userDataDir } from '../../../src/main/core/app/paths';
import { safeExternalUrl } from '../../../src/main/core/app/external-links';

describe('default notebook location (shared by desktop, CLI and browser mode)', () => {
  it.each([
    ['linux', {}, '/home/ana/.config/Quire/Notebook'],
    ['linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/x/cfg/Quire/Notebook'],
    ['darwin', {}, '/home/ana/Library/Application Support/Quire/Notebook'],
  ] as const)('%s %j → %s', (platform, env, expected) => {
    expect(resolveNotebookDir({ platform, env, home: '/home/ana' }, undefined)).toBe(expected);
  });

  it('prefers --notebook, then QUIRE_NOTEBOOK', () => {
    const info = { platform: 'linux' as const, env: { QUIRE_NOTEBOOK: '/env/nb' }, home: '/h' };
    expect(resolveNotebookDir(info, '/flag/nb')).toBe('/flag/nb');
    expect(resolveNotebookDir(info, undefined)).toBe('/env/nb');
    expect(userDataDir(info)).toBe('/h/.config/Quire');
  });
});

describe('external links', () => {
  it.each([
    ['https://www.irrawaddy.com/opinion/x.html', 'https://www.irrawaddy.com/opinion/x.html'],
    ['http://example.org', 'http://example.org/'],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['quire://article/a1', null],
    ['https://user:pw@example.org/', null],
    ['not a url', null],
  ])('%s → %s', (url, expected) => {
    expect(safeExternalUrl(url)).toBe(expected);
  });

  it('only ever lets http(s) through', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const safe = safeExternalUrl(s);
        return safe === null || safe.startsWith('http://') || safe.startsWith('https://');
      }),
    );
  });
});
