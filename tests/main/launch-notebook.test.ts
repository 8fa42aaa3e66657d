import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notebookArgument, secondLaunchNotebook, startupNotebooks } from '../../src/main/launch-notebook';

describe('the notebook named on the command line', () => {
  it('is the last name after the executable, resolved against the working folder', () => {
    expect(notebookArgument(['/opt/Quire/quire', 'Research/Myanmar'], false, '/home/me')).toBe(
      resolve('/home/me', 'Research/Myanmar'),
    );
    expect(notebookArgument(['/opt/Quire/quire', '/data/nb'], false, '/home/me')).toBe(resolve('/data/nb'));
  });

  it('is nothing when only switches follow, or when run from source without a name after the app path', () => {
    expect(notebookArgument(['/opt/Quire/quire'], false, '/home/me')).toBeNull();
    expect(notebookArgument(['/opt/Quire/quire', '--no-sandbox', '-psn_0_1234'], false, '/')).toBeNull();
    // electron-vite preview runs `electron .`; Playwright puts its switches before the app path.
    expect(notebookArgument(['/x/electron', '.'], true, '/repo')).toBeNull();
    expect(
      notebookArgument(
        ['/x/electron', '--inspect=0', '--remote-debugging-port=0', 'out/main/index.js'],
        true,
        '/r',
      ),
    ).toBeNull();
    expect(notebookArgument(['/x/electron', '.', '../nb'], true, '/repo')).toBe(resolve('/repo', '../nb'));
  });
});

describe('which notebook opens at start', () => {
  const standard = '/home/me/.config/Quire/Notebook';

  it('reopens the last notebook, falling back to the default', () => {
    expect(startupNotebooks({ argument: null, environment: undefined, last: '/data/a', standard })).toEqual([
      { path: '/data/a', create: false },
      { path: standard, create: true },
    ]);
  });

  it('opens the default on first run, once', () => {
    expect(startupNotebooks({ argument: null, environment: undefined, last: undefined, standard })).toEqual([
      { path: standard, create: true },
    ]);
    // The default notebook may be created again when its folder was deleted.
    expect(startupNotebooks({ argument: null, environment: undefined, last: standard, standard })).toEqual([
      { path: standard, create: true },
    ]);
  });

  it('puts a notebook named on the command line first, and QUIRE_NOTEBOOK before the last one', () => {
    expect(
      startupNotebooks({ argument: '/data/b', environment: undefined, last: '/data/a', standard }),
    ).toEqual([
      { path: '/data/b', create: false },
      { path: '/data/a', create: false },
      { path: standard, create: true },
    ]);
    expect(
      startupNotebooks({ argument: null, environment: '/env/nb', last: '/data/a', standard: '/env/nb' }),
    ).toEqual([{ path: '/env/nb', create: true }]);
  });

  it('takes a second launch’s notebook only from well-formed data', () => {
    expect(secondLaunchNotebook({ notebook: '/data/b' })).toBe('/data/b');
    expect(secondLaunchNotebook({ notebook: null })).toBeNull();
    for (const bad of [undefined, null, 'x', { notebook: 3 }, { notebook: '' }])
      expect(secondLaunchNotebook(bad)).toBeNull();
  });
});
