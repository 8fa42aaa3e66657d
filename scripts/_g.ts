import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile } from '../src/main/core/import/extract';
import { scoreParagraphs, meanPrf, type Prf } from './extract-scoring';
const dir = '/work/main/.bench/extract-corpus';
const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { file: string; format: string; paragraphs: string[]; boilerplate: string[] }[];
const scores: Prf[] = []; let leaks = 0; let planted = 0; const bad: string[] = [];
async function main() {
for (const e of m) {
  if (e.format === 'html') continue;
  const a = await extractFile(readFileSync(join(dir, e.file)), e.file);
  const kept = a.passages.map((p) => a.text.slice(p.start, p.end));
  const s = scoreParagraphs(kept, e.paragraphs.map((p) => p.normalize('NFC'))); scores.push(s);
  planted += e.boilerplate.length;
  const l = e.boilerplate.filter((b) => a.text.includes(b.normalize('NFC')));
  leaks += l.length;
  if (l.length || s.f1 < 0.99) bad.push(`${e.file} ${s.precision.toFixed(2)} ${s.recall.toFixed(2)} leaks=${JSON.stringify(l.slice(0,3))}`);
}
}
await main();
const s = meanPrf(scores);
console.log(`gen txt/md: P ${s.precision.toFixed(4)} R ${s.recall.toFixed(4)} F1 ${s.f1.toFixed(4)} leaks ${leaks}/${planted}`);
for (const b of bad.slice(0, 15)) console.log('  ' + b);
