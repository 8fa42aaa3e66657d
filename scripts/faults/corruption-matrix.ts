// The corruption matrix (issue 8): every kind of file a notebook keeps × the ways a disk or a person damages it.
// For each cell, a copy of one checkpointed notebook is damaged and opened through the API as the app opens it.
// A cell survives when the notebook opens (read-only where a newer Quire wrote it), every record the damage
// could not reach is there, the damaged bytes are kept byte for byte in .quarantine/ (unless nothing was left of
// them), and notebookInfo tells the researcher. `lost` counts records missing that the damage did not take.
//
//   npx tsx scripts/faults/corruption-matrix.ts
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../src/main/core/app/create';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../src/main/core/api-contract';
import { dispatch } from '../../src/main/core/dispatch';
import { bodyFile } from '../../src/main/core/store/bodies';
import { formatSummary, formatTable, type SummaryRow } from './lib/summary';

const seeds = path.resolve(import.meta.dirname, '../../../shared/corpus/seeds');
const NOTES = 12;

type Damage =
  'truncated' | 'emptied' | 'garbled byte in a string' | 'schema-invalid' | 'newer schemaVersion' | 'missing';
const damages: Damage[] = [
  'truncated',
  'emptied',
  'garbled byte in a string',
  'schema-invalid',
  'newer schemaVersion',
  'missing',
];

interface Target {
  file: string;
  /** How the table names it (article texts are named by a long hash). */
  label?: string;
  /** Where in the file the damage goes. */
  needle: string;
  /** Which damages apply to this kind of file. */
  kinds: Damage[];
  /** Records of this file that this damage may take with it (never counted as lost). */
  exposed: number;
}

async function api(dir: string) {
  const s = createServices({ appVersion: '0.0.0-matrix', userDataDir: path.join(dir, '..', 'user') });
  const info = await s.core.open(dir, { create: true });
  const call = async <M extends ApiMethod>(m: M, input: ApiInput<M>): Promise<ApiOutputs[M]> => {
    const r = await dispatch(s.api, m, input);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
  return { ...s, info, call };
}

function damaged(bytes: Buffer, how: Damage, needle: string): Buffer | null {
  const at = Math.max(0, bytes.indexOf(needle));
  switch (how) {
    case 'truncated':
      return bytes.subarray(0, Math.max(1, at));
    case 'emptied':
      return Buffer.alloc(0);
    case 'garbled byte in a string': {
      const copy = Buffer.from(bytes);
      copy[at + needle.length + 1] = 0xff;
      return copy;
    }
    case 'schema-invalid':
      return Buffer.from(bytes.toString('utf8').replace(`${needle}:`, `${needle}:7,"was":`));
    case 'newer schemaVersion': {
      const { sum: _sum, ...data } = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      return Buffer.from(JSON.stringify({ ...data, schemaVersion: 99 }));
    }
    case 'missing':
      return null;
  }
}

async function main(): Promise<number> {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'quire-matrix-'));
  const pristine = path.join(work, 'pristine');
  const seedFiles = (await fs.readdir(seeds))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => path.join(seeds, f));

  // One notebook: two articles with a highlight, tags, notes; checkpointed twice so backups exist.
  let now = Date.parse('2026-11-22T10:00:00Z');
  const s0 = createServices({
    appVersion: '0.0.0-matrix',
    userDataDir: path.join(work, 'user'),
    clock: () => new Date(now),
  });
  await s0.core.open(pristine, { create: true });
  const call0 = async <M extends ApiMethod>(m: M, input: ApiInput<M>) => {
    const r = await dispatch(s0.api, m, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as ApiOutputs[M];
  };
  const report = await call0('importPaths', { paths: seedFiles });
  const articleId = report.imported[0]?.id ?? '';
  await call0('highlightCreate', { articleId, start: 0, end: 40, tagNames: ['arms-trade'] });
  for (let i = 1; i <= NOTES; i++)
    await call0('noteCreate', { title: `Note ${i}`, body: `Body of note ${i}.` });
  await s0.core.session().store.checkpoint();
  now += 20 * 60_000;
  await call0('tagCreate', { name: 'later tag' });
  await s0.core.session().store.checkpoint();
  const bodyKey = s0.core.session().store.get('article', articleId)?.bodyKey ?? '';
  await s0.core.close();

  const store = path.join(pristine, 'store');
  const noteFiles = (await fs.readdir(store)).filter((f) => f.startsWith('note-'));
  const counts = await Promise.all(
    noteFiles.map(
      async (f) => ((await fs.readFile(path.join(store, f), 'utf8')).match(/"record":/g) ?? []).length,
    ),
  );
  const biggest = noteFiles[counts.indexOf(Math.max(...counts))] ?? '';
  const journal = (await fs.readdir(path.join(pristine, 'journal')).catch(() => [] as string[]))
    .sort()
    .at(-1);
  const targets: Target[] = [
    { file: 'notebook.json', needle: '"name"', kinds: damages, exposed: 0 },
    {
      file: `store/${biggest}`,
      needle: '"title"',
      kinds: damages.filter((d) => d !== 'newer schemaVersion'),
      exposed: 0,
    },
    {
      file: path.relative(pristine, bodyFile(pristine, bodyKey)),
      label: 'bodies/<x>/<sha256>.json (an article text)',
      needle: '"text"',
      kinds: ['truncated', 'emptied', 'garbled byte in a string', 'missing'],
      exposed: 0,
    },
  ];
  if (journal) {
    targets.push({
      file: `journal/${journal}`,
      needle: '"label"',
      kinds: ['garbled byte in a string', 'truncated'],
      exposed: 1,
    });
  }

  const rows: string[][] = [];
  const summary: SummaryRow[] = [];
  let round = 0;
  for (const target of targets) {
    const label = target.label ?? target.file;
    const row: SummaryRow = { suite: label, tried: 0, survived: 0, lost: 0, crashed: 0 };
    for (const how of target.kinds) {
      row.tried++;
      const dir = path.join(work, `case-${round++}`);
      await fs.cp(pristine, dir, { recursive: true });
      const file = path.join(dir, target.file);
      const original = await fs.readFile(file);
      const bad = damaged(original, how, target.needle);
      if (bad) await fs.writeFile(file, bad);
      else await fs.rm(file);
      let outcome: string[];
      try {
        const s = await api(dir);
        const notes = (await s.call('noteList', {})).length;
        const view = await s.call('articleGet', { id: articleId });
        const told = s.info.notices.length > 0 || s.info.readOnly || view.notice !== null;
        const quarantined = await fs.readdir(path.join(dir, '.quarantine')).catch(() => [] as string[]);
        const kept = await Promise.all(quarantined.map((q) => fs.readFile(path.join(dir, '.quarantine', q))));
        const setAside = !bad || bad.length === 0 || s.info.readOnly || kept.some((k) => k.equals(bad));
        const lost = Math.max(0, NOTES - notes - target.exposed) + (view.highlights.length === 1 ? 0 : 1);
        row.lost += lost;
        const ok = told && setAside && lost === 0;
        if (ok) row.survived++;
        else row.crashed++;
        outcome = [
          'yes',
          s.info.readOnly ? 'read-only' : 'writable',
          `${notes}/${NOTES} notes, ${view.highlights.length}/1 highlight`,
          setAside ? 'yes' : 'NO',
          told ? 'yes' : 'NO',
        ];
        await s.core.close();
      } catch (e) {
        row.crashed++;
        outcome = ['NO', '', '', '', `${(e as Error).message.slice(0, 60)}`];
      }
      rows.push([label, how, ...outcome]);
    }
    summary.push(row);
  }
  console.log(
    formatTable(['file', 'damage', 'opens', 'mode', 'records kept', 'bytes set aside', 'told'], rows),
  );
  console.log('');
  console.log(
    formatSummary({
      rows: summary,
      legend: [
        'tried: damages applied to the file; survived: the notebook opened, kept every record the damage did not reach,',
        'kept the damaged bytes in .quarantine/ and told the researcher (notices, read-only, or the reader);',
        'lost: records missing that the damage did not take; crashed: cases that failed any of those.',
      ],
    }),
  );
  await fs.rm(work, { recursive: true, force: true });
  return summary.some((r) => r.lost > 0 || r.crashed > 0) ? 1 : 0;
}

process.exitCode = await main();
