// Where the window's page comes from. The dev server's address (ELECTRON_RENDERER_URL, set by `electron-vite dev`)
// is honoured only in a development build run from source: in a packaged or production build, a variable in the
// environment must not be able to point the window, and the bridge it trusts, at another page.

export interface RendererSourceFacts {
  /** `app.isPackaged` */
  packaged: boolean;
  /** `import.meta.env.DEV`: true only in `electron-vite dev` builds */
  devBuild: boolean;
  /** `process.env.ELECTRON_RENDERER_URL` */
  url: string | undefined;
}

/** The dev server URL to load, or null to load the built page from disk. */
export function devRendererUrl({ packaged, devBuild, url }: RendererSourceFacts): string | null {
  if (packaged || !devBuild || !url) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
