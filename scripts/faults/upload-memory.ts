// `tsx scripts/faults/upload-memory.ts [--uploads 4] [--mb 63] [--rounds 3]`: runs the built `quire serve`,
// sends concurrent uploads just under the body limit, and reports whether each was answered and how far the
// server's memory rose (issue 8: four concurrent 63 MB uploads took it from 91 MB to 667 MB RSS).
// Needs `npm run build` first; RSS is read from /proc (Linux).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    uploads: { type: 'string', default: '4' },
    mb: { type: 'string', default: '63' },
    rounds: { type: 'string', default: '3' },
  },
});
const uploads = Number(values.uploads);
const bodyMb = Number(values.mb);
const rounds = Number(values.rounds);
const repo = resolve(import.meta.dirname, '../..');

function rssMb(pid: number): number | null {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return (pages * 4096) / 1024 / 1024;
  } catch {
    return null;
  }
}

/** One upload: a file of NUL bytes (refused as binary at once, so only the upload path is measured). */
function upload(port: number, token: string, body: string): Promise<'answered' | 'lost'> {
  return new Promise((done) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/importFiles',
        method: 'POST',
        headers: {
          host: `127.0.0.1:${port}`,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(text) as { ok?: unknown };
            done(typeof parsed.ok === 'boolean' ? 'answered' : 'lost');
          } catch {
            done('lost');
          }
        });
      },
    );
    req.on('error', () => done('lost'));
    req.end(body);
  });
}

async function main(): Promise<void> {
  if (!existsSync(join(repo, 'out/main/cli.js'))) {
    console.log('upload-memory: the CLI is not built; run `npm run build` first.');
    process.exitCode = 1;
    return;
  }
  const work = await mkdtemp(join(tmpdir(), 'quire-upload-memory-'));
  const child = spawn(
    process.execPath,
    ['bin/quire.js', 'serve', '--notebook', join(work, 'nb'), '--port', '0'],
    {
      cwd: repo,
      env: { ...process.env, HOME: work, XDG_CONFIG_HOME: join(work, 'config') },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let crashed = false;
  child.once('exit', () => (crashed = true));
  try {
    const url = new URL(
      await new Promise<string>((r) => createInterface({ input: child.stdout }).once('line', r)),
    );
    const port = Number(url.port);
    const token = url.searchParams.get('token') ?? '';
    const pid = child.pid ?? 0;
    const fileBytes = Math.floor((bodyMb * 1024 * 1024 * 3) / 4) - 1024;
    const body = JSON.stringify({
      files: [{ name: 'zeros.txt', data: Buffer.alloc(fileBytes).toString('base64') }],
    });

    await new Promise((r) => setTimeout(r, 500));
    const baseline = rssMb(pid);
    let peak = baseline ?? 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid) ?? 0)), 20);
    let answered = 0;
    let lost = 0;
    for (let round = 0; round < rounds && !crashed; round++) {
      const results = await Promise.all(Array.from({ length: uploads }, () => upload(port, token, body)));
      answered += results.filter((r) => r === 'answered').length;
      lost += results.filter((r) => r === 'lost').length;
    }
    clearInterval(sampler);

    const mb = (x: number | null) => (x === null ? 'n/a (no /proc)' : `${Math.round(x)} MB`);
    console.log(
      `\n${uploads} concurrent uploads of ${(body.length / 1024 / 1024).toFixed(1)} MB, ${rounds} rounds`,
    );
    console.table([
      {
        tried: uploads * rounds,
        survived: answered,
        lost,
        crashed: crashed ? 1 : 0,
        'RSS before': mb(baseline),
        'RSS peak': mb(baseline === null ? null : peak),
      },
    ]);
  } finally {
    child.kill('SIGTERM');
    await rm(work, { recursive: true, force: true });
  }
}

await main();
