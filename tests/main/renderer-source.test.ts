import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devRendererUrl } from '../../src/main/renderer-source';
import { WINDOW_BACKGROUND, windowBackground } from '../../src/main/theme';

describe("the window's page", () => {
  const url = 'http://localhost:5173/';

  it('comes from the dev server only in a development build run from source', () => {
    expect(devRendererUrl({ packaged: false, devBuild: true, url })).toBe(url);
    expect(devRendererUrl({ packaged: true, devBuild: true, url })).toBeNull();
    expect(devRendererUrl({ packaged: false, devBuild: false, url })).toBeNull();
    expect(devRendererUrl({ packaged: true, devBuild: false, url })).toBeNull();
    expect(devRendererUrl({ packaged: false, devBuild: true, url: undefined })).toBeNull();
  });

  it('is never a file, data or script URL from the environment', () => {
    for (const bad of [
      'file:///etc/passwd',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(devRendererUrl({ packaged: false, devBuild: true, url: bad })).toBeNull();
    }
  });
});

describe("the window's background before the page paints", () => {
  const css = readFileSync(join(resolve(import.meta.dirname, '../..'), 'src/renderer/src/app.css'), 'utf8');
  const bg = (selector: string) =>
    new RegExp(`${selector.replace(/[[\]()]/g, '\\$&')}\\s*\\{[^}]*--bg:\\s*(#[0-9a-f]{6})`, 'i').exec(
      css,
    )?.[1];

  it("is the page's own background colour, light and dark", () => {
    expect(bg(':root')).toBe(WINDOW_BACKGROUND.light);
    expect(bg(":root[data-theme='dark']")).toBe(WINDOW_BACKGROUND.dark);
    expect(windowBackground(false)).toBe(WINDOW_BACKGROUND.light);
    expect(windowBackground(true)).toBe(WINDOW_BACKGROUND.dark);
  });
});
