import { execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, untilDoneOrStopped } from '../../src/main/cli/run';
import { tempDir } from '../helpers/notebook';

const fifos = process.platform !== 'win32';
if (!fifos) console.log('stop.test: no mkfifo on Windows, so the stuck-command case is skipped.');

describe('a stop signal ends every command', () => {
  let root: string;
  let interrupt: AbortController;
  const quire = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const stopped = new Promise<void>((r) => interrupt.signal.addEventListener('abort', () => r()));
    const code = await runCli(argv, {
      platform: { platform: 'linux', env: { XDG_CONFIG_HOME: join(root, 'config') }, home: root },
      stdout: (l) => out.push(l),
      stderr: (l) => err.push(l),
      untilStopped: () => stopped,
      interrupt: interrupt.signal,
    });
    return { code, out, err };
  };

  beforeEach(async () => {
    root = await tempDir('quire-stop-');
    interrupt = new AbortController();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('a command that never returns is abandoned after the grace period, with its own line', async () => {
    const stop = new AbortController();
    const started = Date.now();
    const result = untilDoneOrStopped(new Promise<number>(() => undefined), stop.signal, () => 143);
    setTimeout(() => stop.abort('SIGTERM'), 100);
    expect(await result).toBe(143);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it.skipIf(!fifos)('a named pipe is refused at once, not waited on', async () => {
    const fifo = join(root, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const { code, out, err } = await quire('extract', fifo);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(/pipe/i);
  });

  it('serve stops on it too, with exit 0 (a signal is how serve is meant to end)', async () => {
    const run = quire('serve', '--notebook', join(root, 'nb'));
    await new Promise((r) => setTimeout(r, 300));
    interrupt.abort('SIGINT');
    const { code, out } = await run;
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });
});
