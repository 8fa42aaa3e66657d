// The window's own background, painted before the page and while it resizes: the page's background colour
// (`--bg` in src/renderer/src/app.css) for the theme the OS asks for, so a dark desktop never flashes white.
export const WINDOW_BACKGROUND = { light: '#fbfaf8', dark: '#17191c' } as const;

export function windowBackground(dark: boolean): string {
  return dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light;
}
