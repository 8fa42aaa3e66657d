import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { outsideAsar, workerScriptBeside } from '../../src/main/core/worker-script';

describe('worker scripts in the packaged app', () => {
  it('maps a path inside app.asar to the unpacked copy beside it', () => {
    expect(outsideAsar('/opt/Quire/resources/app.asar/out/main/extract-worker.js')).toBe(
      '/opt/Quire/resources/app.asar.unpacked/out/main/extract-worker.js',
    );
    expect(outsideAsar('C:\\Program Files\\Quire\\resources\\app.asar\\out\\main\\rebuild-worker.js')).toBe(
      'C:\\Program Files\\Quire\\resources\\app.asar.unpacked\\out\\main\\rebuild-worker.js',
    );
    expect(
      outsideAsar('/Applications/Quire.app/Contents/Resources/app.asar/out/main/extract-worker.js'),
    ).toBe('/Applications/Quire.app/Contents/Resources/app.asar.unpacked/out/main/extract-worker.js');
  });

  it('leaves paths outside an archive alone, and never maps twice', () => {
    for (const path of [
      '/home/me/quire/out/main/extract-worker.js',
      '/opt/Quire/resources/app.asar.unpacked/out/main/extract-worker.js',
      '/home/me/my-app.asar/out/main/extract-worker.js',
      '/home/me/app.asar.bak/out/main/extract-worker.js',
    ]) {
      expect(outsideAsar(path)).toBe(path);
    }
  });

  describe('finding the built worker beside the entry', () => {
    let root = '';
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    function file(path: string): void {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, '');
    }

    it('starts the unpacked copy when the entry runs from app.asar', () => {
      root = mkdtempSync(join(tmpdir(), 'quire-asar-'));
      const entry = join(root, 'resources', 'app.asar', 'out', 'main', 'index.js');
      const unpacked = join(root, 'resources', 'app.asar.unpacked', 'out', 'main', 'extract-worker.js');
      file(entry);
      file(join(root, 'resources', 'app.asar', 'out', 'main', 'extract-worker.js'));
      file(unpacked);
      expect(workerScriptBeside(pathToFileURL(entry).href, 'extract-worker.js')?.href).toBe(
        pathToFileURL(unpacked).href,
      );
    });

    it('finds no worker when the archive holds it but nothing was unpacked, so work stays in-process', () => {
      root = mkdtempSync(join(tmpdir(), 'quire-asar-'));
      const entry = join(root, 'resources', 'app.asar', 'out', 'main', 'index.js');
      file(entry);
      file(join(root, 'resources', 'app.asar', 'out', 'main', 'extract-worker.js'));
      expect(workerScriptBeside(pathToFileURL(entry).href, 'extract-worker.js')).toBeNull();
    });

    it('finds the worker beside an unpackaged build as before', () => {
      root = mkdtempSync(join(tmpdir(), 'quire-out-'));
      const worker = join(root, 'out', 'main', 'rebuild-worker.js');
      file(worker);
      const entry = pathToFileURL(join(root, 'out', 'main', 'cli.js')).href;
      expect(workerScriptBeside(entry, 'rebuild-worker.js')?.href).toBe(pathToFileURL(worker).href);
    });
  });
});
