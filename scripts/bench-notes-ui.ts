// `npm run bench:notes-ui`: issue 13's editor figures in Chromium (/usr/bin/chromium, or
// PLAYWRIGHT_CHROMIUM_EXECUTABLE) against the built `quire serve` on a fresh notebook holding one 50,000-word note:
// opening it (click → its text painted) and typing in the middle of it (keydown → the next frame painted, p95 of
// 200 keys). Needs `npm run build` first. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';

const repo = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'quire-bench-ui-'));
const BUDGET = { open: 150, keyP95: 16 };
const KEYS = 200;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const row = (figure: string, value: number, budget: number): string =>
  `| ${figure.padEnd(46)} | ${value.toFixed(1).padStart(7)} ms | ≤ ${String(budget).padStart(3)} ms | ${value <= budget ? '✓' : '✗'} |`;

// Page scripts as strings (as the e2e page objects do): they run in the page, not under Node's types.
/** Clicks "Long note" and resolves with the time until the frame after its editor shows its text. */
const OPEN_LONG_NOTE = `new Promise((done) => {
  const button = [...document.querySelectorAll('button')].find((b) => b.textContent.startsWith('Long note'));
  const t0 = performance.now();
  const check = () => {
    const title = document.querySelector('#note-title')?.textContent;
    const lines = document.querySelectorAll('.cm-content .cm-line').length;
    if (title === 'Long note' && lines > 20) requestAnimationFrame(() => done(performance.now() - t0));
    else requestAnimationFrame(check);
  };
  button.click();
  requestAnimationFrame(check);
})`;
/** Records, for each keydown, the time until the frame after it has been painted. */
const TIME_KEYS = `(() => {
  window.quireKeyTimes = [];
  document.addEventListener('keydown', () => {
    const t0 = performance.now();
    requestAnimationFrame(() => setTimeout(() => window.quireKeyTimes.push(performance.now() - t0), 0));
  }, { capture: true });
})()`;

/** About 50,000 words of note: headings, paragraphs with emphasis and links, lists, quotes. */
function longNote(): string {
  const words = 'the junta signed a deal for six jets and drones while the border trade in jade grew'.split(
    ' ',
  );
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < 50_000; i++) {
    if (i % 12 === 0) parts.push(`## Section ${i / 12 + 1}`);
    const sentence = Array.from({ length: 60 }, (_, k) => words[(i + k) % words.length]).join(' ');
    parts.push(
      i % 5 === 0
        ? `- **${sentence}** see [[Note ${i}]]`
        : i % 7 === 0
          ? `> ${sentence}`
          : `${sentence} *end*.`,
    );
    count += 62;
  }
  return parts.join('\n\n') + '\n';
}

const child = spawn(
  process.execPath,
  [join(repo, 'bin/quire.js'), 'serve', '--notebook', join(work, 'notebook'), '--port', '0'],
  {
    env: { ...process.env, HOME: work, XDG_CONFIG_HOME: join(work, 'config') },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
try {
  const first = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) =>
      fail(new Error(`quire serve exited with ${code}; did 'npm run build' run?`)),
    );
    createInterface({ input: child.stdout! }).once('line', ok);
  });
  const url = new URL(first);
  const token = url.searchParams.get('token') ?? '';
  const body = longNote();
  const created = await fetch(`${url.origin}/api/noteCreate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ title: 'Long note', body }),
  });
  if (!created.ok) throw new Error(`noteCreate answered ${created.status}`);
  await fetch(`${url.origin}/api/noteCreate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ title: 'Short note', body: 'A few words.\n' }),
  });

  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(first);
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /^Notes/ })
    .click();
  const item = page.getByRole('region', { name: 'Notes' }).getByRole('button', { name: /^Long note/ });
  await item.waitFor();

  // Open: from the click to the first frame painted with the note's text (coming from a short note each time).
  const short = page.getByRole('region', { name: 'Notes' }).getByRole('button', { name: /^Short note/ });
  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    await short.click();
    await page.locator('#note-title', { hasText: 'Short note' }).waitFor();
    opens.push(Number(await page.evaluate(OPEN_LONG_NOTE)));
  }
  await item.click();

  // Typing: caret in the middle of the note; each keydown until the frame after it is painted.
  const editor = page.getByRole('textbox', { name: 'Note text' });
  await editor.click();
  await page.evaluate(TIME_KEYS);
  for (let i = 0; i < 30; i++) await page.keyboard.press('PageDown');
  for (let i = 0; i < KEYS; i++) await page.keyboard.type(i % 9 === 8 ? ' ' : 'x', { delay: 30 });
  const keys: number[] = JSON.parse(String(await page.evaluate('JSON.stringify(window.quireKeyTimes)')));
  await browser.close();

  console.log(`one note of ${body.split(/\s+/).length} words; ${KEYS} keys typed mid-note\n`);
  console.log('| figure | measured | budget | |\n|---|---|---|---|');
  console.log(row('open a 50,000-word note (median of 5)', pct(opens, 50), BUDGET.open));
  console.log(row('typing, keydown → painted, p95', pct(keys, 95), BUDGET.keyP95));
  console.log(row('typing, keydown → painted, median', pct(keys, 50), BUDGET.keyP95));
} finally {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
  rmSync(work, { recursive: true, force: true });
}
