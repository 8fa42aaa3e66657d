import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { globMatcher, importedPackages, runtimePackages } from './worker-dependencies';

const root = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  build: { asar: boolean; asarUnpack: string[]; electronFuses: Record<string, boolean> };
};
const { build } = manifest;
const WORKERS = ['src/main/core/import/extract-worker.ts', 'src/main/core/search/rebuild-worker.ts'];

describe('installers (electron-builder "build" in package.json)', () => {
  it('flips the Electron fuses that close the doors an app does not use', () => {
    expect(build.electronFuses).toEqual({
      // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js interpreter.
      runAsNode: false,
      // NODE_OPTIONS and --inspect would let anyone who can start the app run code inside it.
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      // Only app.asar is loaded, and its contents are checked against the hash signed into the app.
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      // Flipping fuses breaks the ad-hoc signature of an unsigned Apple Silicon build; this signs it again.
      resetAdHocDarwinSignature: true,
    });
  });

  it('packs the app into app.asar, keeping the main process and the window inside it', () => {
    expect(build.asar).toBe(true);
    const unpacked = globMatcher(build.asarUnpack);
    for (const path of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json',
    ]) {
      expect(unpacked(path), path).toBe(false);
    }
  });

  it('unpacks the worker scripts and everything they load, since a worker thread cannot read app.asar', () => {
    const unpacked = globMatcher(build.asarUnpack);
    const scripts = [
      'out/main/extract-worker.js',
      'out/main/rebuild-worker.js',
      'out/main/chunks/extract-pool-x1.js',
    ];
    expect(scripts.filter((path) => !unpacked(path))).toEqual([]);
    const packages = importedPackages(root, WORKERS);
    // The extractor's libraries are among them: a sign the import walk saw the worker's real code.
    expect([...packages]).toEqual(
      expect.arrayContaining(['pdfjs-dist', 'mammoth', 'linkedom', 'iconv-lite']),
    );
    // At the top of node_modules or nested in another package, wherever electron-builder puts it.
    const missing = runtimePackages(root, packages).filter(
      (name) =>
        !unpacked(`node_modules/${name}/package.json`) ||
        !unpacked(`node_modules/mammoth/node_modules/${name}/lib/index.js`),
    );
    expect(missing, 'add these to build.asarUnpack as "**/node_modules/<name>/**"').toEqual([]);
  });

  it('unpacks the team notebook replica’s LevelDB binding: a native module cannot be loaded from app.asar', () => {
    const unpacked = globMatcher(build.asarUnpack);
    for (const platform of ['linux-x64', 'darwin-x64+arm64', 'win32-x64']) {
      const dir = join(root, 'node_modules/leveldown/prebuilds', platform);
      for (const file of readdirSync(dir)) {
        expect(unpacked(`node_modules/leveldown/prebuilds/${platform}/${file}`), file).toBe(true);
      }
    }
  });

  it('is a configuration electron-builder accepts (its own schema check, offline)', async () => {
    const require = createRequire(join(root, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger.js') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined();
    // A misspelt fuse is refused, so the check above is not vacuous.
    await expect(
      validateConfiguration({ ...build, electronFuses: { runAsnode: false } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration object that does not match the API schema/);
  });
});
