// `import.meta.env.DEV` and electron-vite's other build-time values in the main process.
/// <reference types="electron-vite/node" />

// CSL style files are bundled as text (vite's `?raw`), so the CLI and the app need no files beside them.
declare module '*.csl?raw' {
  const xml: string;
  export default xml;
}
