import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  parseWindowState,
  placeWindow,
  windowState,
  type Rect,
} from '../../src/main/window-state';
import { readWindowState, windowStateFile, writeWindowState } from '../../src/main/window-state-file';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: -200, width: 2560, height: 1400 };

describe('where the window opens', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [laptop], laptop)).toEqual({ ...DEFAULT_SIZE, height: 875, maximized: false });
  });

  it('reopens where it was, at the size it had', () => {
    const saved = { x: 100, y: 40, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, [laptop, external], laptop)).toEqual(saved);
    const onExternal = { x: 1600, y: -100, width: 2000, height: 1200, maximized: true };
    expect(placeWindow(onExternal, [laptop, external], laptop)).toEqual(onExternal);
  });

  it('comes back onto the laptop screen when the external monitor is gone', () => {
    const saved = { x: 1600, y: -100, width: 2000, height: 1200, maximized: true };
    const placed = placeWindow(saved, [laptop], laptop);
    expect(placed).toEqual({ x: 0, y: 0, width: 1440, height: 875, maximized: true });
  });

  it('moves a window hanging off an edge fully onto the display it mostly covers', () => {
    const saved = { x: 1000, y: 500, width: 800, height: 600, maximized: false };
    expect(placeWindow(saved, [laptop], laptop)).toEqual({
      x: 640,
      y: 275,
      width: 800,
      height: 600,
      maximized: false,
    });
    const straddling = { x: 1300, y: 0, width: 1000, height: 700, maximized: false };
    expect(placeWindow(straddling, [laptop, external], laptop)).toMatchObject({ x: 1440, y: 0 });
  });

  it('never opens smaller than the window minimum, unless the display itself is smaller', () => {
    const tiny = { x: 10, y: 10, width: 50, height: 40, maximized: false };
    expect(placeWindow(tiny, [laptop], laptop)).toMatchObject({ width: 720, height: 480 });
    const small: Rect = { x: 0, y: 0, width: 640, height: 400 };
    expect(placeWindow(tiny, [small], small)).toMatchObject({ width: 640, height: 400, x: 0, y: 0 });
  });

  it('remembers whole pixels and the maximized flag', () => {
    expect(windowState({ x: 10.4, y: 20.6, width: 1000.2, height: 700.7 }, true)).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 701,
      maximized: true,
    });
  });

  it('ignores a remembered state it does not understand', () => {
    expect(parseWindowState({ x: 1, y: 2, width: 3, height: 4, maximized: false })).not.toBeNull();
    for (const bad of [
      null,
      'x',
      {},
      { x: 1, y: 2, width: -3, height: 4, maximized: false },
      { x: 1.5, y: 2, width: 3, height: 4, maximized: false },
    ]) {
      expect(parseWindowState(bad)).toBeNull();
    }
  });
});

describe('the remembered window state on disk', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart, and a damaged file means the default size, not a failure', () => {
    dir = mkdtempSync(join(tmpdir(), 'quire-window-'));
    const file = windowStateFile(join(dir, 'Quire'));
    expect(readWindowState(file)).toBeNull();
    const state = { x: 30, y: 40, width: 1000, height: 700, maximized: false };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    writeFileSync(file, '{"x": 30, "y"');
    expect(readWindowState(file)).toBeNull();
  });
});
