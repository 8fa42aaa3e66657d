// `import.meta.env.DEV` and electron-vite's other build-time values in the main process.
/// <reference types="electron-vite/node" />
