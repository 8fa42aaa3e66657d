import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../scripts/launch/electron-runtime.mjs';
import {
  DESKTOP_NODE,
  installFailure,
  nextStep,
  nodeAtLeast,
  skipReason,
  wrap,
} from '../../scripts/launch/start-plan.mjs';

const base = { node: '22.12.0', electron: '45.4.1', runtime: false, skip: null };

/** The paragraph a person reads, on one line, so assertions do not depend on where it wraps. */
function stopMessage(facts: Parameters<typeof nextStep>[0]): string {
  const step = nextStep(facts);
  if (step.step !== 'stop') throw new Error(`expected a stop, got ${step.step}`);
  return step.message;
}

describe('npm start: what happens next', () => {
  it('launches when the runtime is installed', () => {
    expect(nextStep({ ...base, runtime: true })).toEqual({ step: 'launch' });
    expect(nextStep({ ...base, node: '24.3.0', runtime: true, skip: '--no-install' })).toEqual({
      step: 'launch',
    });
  });

  it('runs the installer when the runtime is missing and a download is allowed', () => {
    expect(nextStep(base)).toEqual({ step: 'install' });
  });

  it('stops with the way to get the runtime when it is missing and downloads are off', () => {
    const message = stopMessage({ ...base, skip: 'ELECTRON_SKIP_BINARY_DOWNLOAD=1' });
    expect(message).toContain('Electron 45.4.1 runtime, which is not installed');
    expect(message).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD=1 says not to download it');
    expect(message).toContain('`npx --no install-electron`');
    expect(message).toContain('`npm run serve`');
  });

  it('stops after a failed download with the reason, the command, the proxy and mirror variables, and serve', () => {
    const message = stopMessage({ ...base, failure: 'no connection to the download server' });
    expect(message).toContain('the download failed: no connection to the download server');
    for (const hint of [
      '`npx --no install-electron`',
      'HTTPS_PROXY',
      'ELECTRON_GET_USE_PROXY=1',
      'ELECTRON_MIRROR',
    ]) {
      expect(message).toContain(hint);
    }
    expect(message).toContain('`npm run serve` gives you the same app in your web browser');
    expect(message).not.toMatch(/\n|\bat .*:\d+:\d+/);
  });

  it('never runs the installer twice: after a failure the answer is a stop, even with downloads allowed', () => {
    expect(nextStep({ ...base, failure: 'x' }).step).toBe('stop');
  });

  it('stops on a Node older than Electron needs, naming both versions, .nvmrc and serve', () => {
    const message = stopMessage({ ...base, node: '20.20.2' });
    expect(message).toContain(`needs Node ${DESKTOP_NODE} or newer`);
    expect(message).toContain('this is Node 20.20.2, and the Electron 45.4.1 runtime is not installed yet');
    expect(message).toContain('.nvmrc');
    expect(message).toContain('ELECTRON_GET_USE_PROXY=1');
    expect(message).toContain('`npm run serve`');
    // With the runtime already there, only Node is missing.
    expect(stopMessage({ ...base, node: '22.11.0', runtime: true })).not.toContain(
      'runtime is not installed',
    );
  });
});

describe('npm start: its inputs', () => {
  it('compares Node versions numerically', () => {
    expect(nodeAtLeast('22.12.0', '22.12.0')).toBe(true);
    expect(nodeAtLeast('v22.13.1', '22.12.0')).toBe(true);
    expect(nodeAtLeast('23.0.0', '22.12.0')).toBe(true);
    expect(nodeAtLeast('22.9.0', '22.12.0')).toBe(false);
    expect(nodeAtLeast('20.20.2', '22.12.0')).toBe(false);
  });

  it('skips the download for --no-install or a set ELECTRON_SKIP_BINARY_DOWNLOAD, not for 0 or false', () => {
    expect(skipReason(['--no-install'], {})).toBe('--no-install');
    expect(skipReason([], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })).toBe('ELECTRON_SKIP_BINARY_DOWNLOAD=1');
    expect(skipReason([], { ELECTRON_SKIP_BINARY_DOWNLOAD: 'true' })).toBe(
      'ELECTRON_SKIP_BINARY_DOWNLOAD=true',
    );
    for (const off of ['', '0', 'false'])
      expect(skipReason([], { ELECTRON_SKIP_BINARY_DOWNLOAD: off })).toBeNull();
    expect(skipReason(['--noSandbox'], {})).toBeNull();
  });

  it("keeps one line of the installer's failure, never its stack", () => {
    const stack =
      'TypeError: fetch failed\n    at node:internal/deps/undici/undici:14976:13\n    at async x (y.js:1:2)\n';
    expect(installFailure(stack, 1)).toBe('no connection to the download server');
    expect(
      installFailure(
        'HTTPError: Response code 404 (Not Found) for https://e.test/x.zip\n    at a (b:1:1)',
        1,
      ),
    ).toBe('Response code 404 (Not Found) for https://e.test/x.zip');
    expect(installFailure('', 1)).toBe('the installer exited with status 1');
    expect(installFailure('', null)).toBe('the installer was stopped');
    expect(installFailure('', 0)).toContain('no runtime is in node_modules/electron/dist');
  });

  it('wraps a paragraph without breaking a quoted command', () => {
    const text = 'run `npm install && npm start` again and then `npx --no install-electron` if needed';
    const lines = wrap(text, 20).split('\n');
    expect(lines).toContain('`npm install && npm start`');
    expect(lines.join(' ')).toBe(text);
  });
});

describe('npm start: finding the Electron runtime', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** An electron package folder, optionally with an unpacked runtime of `version`. */
  function electronPackage(runtimeVersion?: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'quire-electron-pkg-'));
    dirs.push(dir);
    if (runtimeVersion) {
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'path.txt'), 'electron');
      writeFileSync(join(dir, 'dist', 'version'), `v${runtimeVersion}`);
      writeFileSync(join(dir, 'dist', 'electron'), '');
    }
    return dir;
  }

  it('finds the runtime the installer unpacked, and only for the installed package version', () => {
    const dir = electronPackage('45.4.1');
    expect(findElectronRuntime(dir, '45.4.1', {})).toBe(join(dir, 'dist', 'electron'));
    expect(findElectronRuntime(dir, '46.0.0', {})).toBeNull();
  });

  it('finds nothing in a package installed without its runtime', () => {
    expect(findElectronRuntime(electronPackage(), '45.4.1', {})).toBeNull();
  });

  it("honours electron-vite's ELECTRON_EXEC_PATH and Electron's ELECTRON_OVERRIDE_DIST_PATH", () => {
    const installed = electronPackage('45.4.1');
    const empty = electronPackage();
    const exec = join(installed, 'dist', 'electron');
    expect(findElectronRuntime(empty, '45.4.1', { ELECTRON_EXEC_PATH: exec })).toBe(exec);
    expect(findElectronRuntime(installed, '45.4.1', { ELECTRON_EXEC_PATH: join(empty, 'nope') })).toBeNull();
    expect(
      findElectronRuntime(empty, '45.4.1', { ELECTRON_OVERRIDE_DIST_PATH: join(installed, 'dist') }),
    ).toBe(exec);
  });
});
