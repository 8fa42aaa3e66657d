// The API fuzz (issue 8): fast-check generates inputs for every method of the contract and sends them to the
// real server over HTTP. Every answer must be an envelope, none may be INTERNAL (an INTERNAL is a bug), none may
// take over 10 s, and the server must be alive at the end.
import fc from 'fast-check';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { apiMethods, type ApiMethod } from '../../../src/main/core/api-contract';
import {
  boundedInputs,
  callArbitrary,
  describeCall,
  openIssueInputs,
  type FuzzCall,
  type Pools,
  type Sandbox,
} from './fuzz-inputs';
import { startServer, type CallOutcome, type QuireServer, type ServerBuild } from './quire-server';
import { formatTable, type Summary } from './summary';

export interface FuzzOptions {
  calls: number;
  seed: number;
  build: ServerBuild;
  /** Calls in flight at once. */
  concurrency: number;
  /** Also send the inputs of defects still open in code other helpers own (see fuzz-inputs.ts). */
  openIssues: boolean;
  log: (line: string) => void;
}

export interface MethodTally {
  calls: number;
  ok: number;
  /** Refused with a code other than INTERNAL (BAD_INPUT, NOT_FOUND, …): the expected answer to most fuzz. */
  refused: number;
  internal: number;
  nonEnvelope: number;
  hung: number;
  slowestMs: number;
}

export interface FuzzResult {
  summary: Summary;
  failures: string[];
  methods: Map<ApiMethod, MethodTally>;
}

const HANG_MS = 10_000;
const REFRESH_EVERY = 25;

export async function runApiFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const root = await mkdtemp(join(tmpdir(), 'quire-fuzz-'));
  const box = await prepareSandbox(root);
  const notebook = join(root, 'notebook');
  const cwd = join(root, 'cwd', 'a', 'b');
  await mkdir(cwd, { recursive: true });
  const start = () => startServer({ notebook, cwd, configDir: join(root, 'config'), build: options.build });
  const methods = new Map<ApiMethod, MethodTally>(
    apiMethods.map((m) => [
      m,
      { calls: 0, ok: 0, refused: 0, internal: 0, nonEnvelope: 0, hung: 0, slowestMs: 0 },
    ]),
  );
  const failures: string[] = [];
  let restarts = 0;
  const fail = (what: string) => {
    failures.push(what);
    options.log(`  FAIL ${what}`);
  };
  const pools: Pools = {
    articles: [],
    notes: [],
    noteTitles: [],
    tags: [],
    tagNames: [],
    highlights: [],
    trash: [],
    blocks: [],
    notices: [],
  };

  let server: QuireServer = await start();
  /** Calls the suite makes for itself (seeding, refreshing ids): checked like any other, but not counted. */
  const setup = async (method: ApiMethod, input: unknown): Promise<unknown> => {
    const outcome = await server.call(method, input, { timeoutMs: HANG_MS });
    if (outcome.kind === 'envelope' && outcome.result.ok) return outcome.result.value;
    if (judge(outcome) !== null)
      fail(`setup call ${method} ${JSON.stringify(input).slice(0, 200)} answered ${brief(outcome)}`);
    return null;
  };

  let alive = false;
  try {
    options.log(
      `api fuzz: ${options.calls} calls (${options.concurrency} at a time), seed ${options.seed}, server from ${options.build}, in ${root}`,
    );
    await seed(setup, pools);
    for (let first = 0; first < options.calls; first += REFRESH_EVERY) {
      // Ids change as the fuzz deletes and imports: each batch is drawn against the notebook as it is now.
      await refresh(setup, pools, notebook);
      const batch = fc.sample(callArbitrary(pools, box, options.openIssues), {
        seed: options.seed + first,
        numRuns: Math.min(REFRESH_EVERY, options.calls - first),
      });
      // Several calls in flight at once, as a UI with a few panels and a running import makes them.
      let next = 0;
      const worker = async () => {
        for (let k = next++; k < batch.length; k = next++) {
          const call = batch[k];
          if (call) await fuzzOne(first + k, call);
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, worker));
      if (first > 0 && first % 500 === 0) options.log(`  ${first} calls, ${failures.length} failures`);
    }
    const last = await server.call('notebookInfo', {}, { timeoutMs: HANG_MS });
    alive = !server.exited() && last.kind === 'envelope' && last.result.ok;
    if (!alive) fail(`the server is not alive at the end: ${brief(last)}`);
    // Besides its one line saying where it serves, the server has nothing to say on stderr: an unhandled
    // rejection or a stack trace there is a bug the envelopes hid.
    for (const line of server.stderr().split('\n')) {
      if (line.trim() !== '' && !line.startsWith('Quire is serving '))
        fail(`the server wrote to stderr: ${line.slice(0, 300)}`);
    }
  } catch (e) {
    fail(`the fuzz stopped: ${(e as Error).stack ?? String(e)}`);
  } finally {
    server.kill('SIGKILL');
    await server.exit;
    if (failures.length === 0) await rm(root, { recursive: true, force: true });
    else options.log(`kept the fuzz folder for inspection: ${root}`);
  }

  const total = sum(methods, 'calls');
  const lost = sum(methods, 'internal') + sum(methods, 'nonEnvelope');
  const hung = sum(methods, 'hung');
  const reached = [...methods].filter(([, t]) => t.ok > 0).length;
  return {
    failures,
    methods,
    summary: {
      rows: [
        {
          suite: 'api fuzz: calls',
          tried: total,
          survived: total - lost - hung,
          lost,
          crashed: hung + restarts,
        },
        {
          suite: 'api fuzz: server alive at the end',
          tried: 1,
          survived: alive ? 1 : 0,
          lost: 0,
          crashed: alive ? 0 : 1,
        },
      ],
      legend: [
        `seed ${options.seed}; ${options.concurrency} calls in flight at a time; ${apiMethods.length} methods called, ${reached} of them answered ok at least once (the inputs reached the handlers, not only validation).`,
        `calls: tried = fuzzed calls; survived = answered with an envelope (ok, or an error with a code and a sentence) within ${HANG_MS / 1000} s, never INTERNAL; lost = non-envelope answers (HTTP 500, not JSON, no code) and INTERNAL errors; crashed = calls that hung over ${HANG_MS / 1000} s, plus restarts of a server that stopped answering.`,
        ...boundedInputs.map((b) => `bounded: ${b}`),
        ...openIssueInputs.map(
          (b) => `${options.openIssues ? 'sent (open issue)' : 'not sent in this run (open issue)'}: ${b}`,
        ),
      ],
    },
  };

  async function fuzzOne(i: number, call: FuzzCall): Promise<void> {
    const outcome = await send(server, call);
    const tally = methods.get(call.method);
    if (tally) record(tally, outcome);
    const problem = judge(outcome);
    if (problem) fail(`call ${i}: ${describeCall(call)} → ${problem}`);
    if (outcome.kind === 'envelope' && outcome.result.ok) await afterwards(call, outcome.result.value);
    if (outcome.kind === 'timeout' || outcome.kind === 'network') {
      // A hung call may have wedged the server (a loop that never yields): find out, and start it again if so.
      const stuck = server;
      const probe = await stuck.call('notebookInfo', {}, { timeoutMs: HANG_MS });
      if (probe.kind !== 'envelope' && server === stuck) {
        fail(`after call ${i} the server no longer answers (${brief(probe)}); restarted it`);
        stuck.kill('SIGKILL');
        await stuck.exit;
        server = await start();
        restarts++;
      }
    }
  }

  /** Keeps the fuzz on the main notebook and its folder small. */
  async function afterwards(call: FuzzCall, value: unknown): Promise<void> {
    if (call.method === 'notebookOpen') {
      const path = (value as { path?: string }).path;
      if (path !== notebook) await setup('notebookOpen', { path: notebook, create: false });
    }
    if (call.method === 'exportMarkdown') {
      const dir = (value as { dir?: string }).dir ?? '';
      const rel = relative(root, resolve(dir));
      if (dir && !rel.startsWith('..') && !isAbsolute(rel) && rel !== '' && !rel.startsWith('files'))
        await rm(dir, { recursive: true, force: true });
    }
  }
}

function send(server: QuireServer, call: FuzzCall): Promise<CallOutcome> {
  return call.style === 'raw'
    ? server.callRaw(call.method, call.body, { timeoutMs: HANG_MS })
    : server.call(call.method, call.input, { timeoutMs: HANG_MS });
}

function record(t: MethodTally, o: CallOutcome): void {
  t.calls++;
  t.slowestMs = Math.max(t.slowestMs, o.ms);
  if (o.kind === 'envelope') {
    if (o.result.ok) t.ok++;
    else if (o.result.error.code === 'INTERNAL') t.internal++;
    else t.refused++;
  } else if (o.kind === 'timeout') t.hung++;
  else t.nonEnvelope++;
}

function judge(o: CallOutcome): string | null {
  if (o.kind === 'envelope') {
    if (o.result.ok) return null;
    const { code, message } = o.result.error;
    if (code === 'INTERNAL') return `INTERNAL: ${message}`;
    if (message.trim() === '') return `${code} without a sentence`;
    return null;
  }
  return brief(o);
}

function brief(o: CallOutcome): string {
  switch (o.kind) {
    case 'envelope':
      return o.result.ok ? 'ok' : `${o.result.error.code}: ${o.result.error.message.slice(0, 300)}`;
    case 'http':
      return `HTTP ${o.status}: ${o.body.slice(0, 300)}`;
    case 'timeout':
      return `no answer within ${HANG_MS / 1000} s`;
    case 'network':
      return `connection failed (${o.error})`;
  }
}

function sum(methods: Map<ApiMethod, MethodTally>, key: keyof MethodTally): number {
  return [...methods.values()].reduce((n, t) => n + t[key], 0);
}

/** A few articles, notes, tags and highlights, so valid-ish calls have something real to name. */
async function seed(setup: (m: ApiMethod, i: unknown) => Promise<unknown>, pools: Pools): Promise<void> {
  const files = [1, 2, 3, 4].map((n) => ({
    name: `seed-${n}.md`,
    data: Buffer.from(
      `---\ntitle: Seed article ${n}\nauthor: Ko Ye ${n}\n---\n\nFirst paragraph of seed ${n}, about Fomin and military cooperation.\n\nSecond paragraph of seed ${n}, long enough to be kept as text.\n`,
    ).toString('base64'),
  }));
  await setup('importFiles', { files });
  for (const n of [1, 2, 3])
    await setup('noteCreate', { title: `Seed note ${n}`, body: `See [[Seed note ${n + 1}]].` });
  const articles = ((await setup('articleList', {})) ?? []) as { id: string }[];
  for (const [i, a] of articles.entries())
    await setup('highlightCreate', { articleId: a.id, start: 0, end: 20, tagNames: [`seed-tag-${i}`] });
  pools.articles = articles.map((a) => a.id);
}

/** Re-reads the ids the notebook holds (deletions and imports change them), topping it up when it runs low. */
async function refresh(
  setup: (m: ApiMethod, i: unknown) => Promise<unknown>,
  pools: Pools,
  notebook: string,
): Promise<void> {
  const info = (await setup('notebookInfo', {})) as { path: string; notices: { id: string }[] } | null;
  if (info && info.path !== notebook) await setup('notebookOpen', { path: notebook, create: false });
  let articles = ((await setup('articleList', {})) ?? []) as { id: string }[];
  if (articles.length < 3) {
    await seed(setup, pools);
    articles = ((await setup('articleList', {})) ?? []) as { id: string }[];
  }
  const notes = ((await setup('noteList', {})) ?? []) as { id: string; title: string }[];
  const tags = ((await setup('tagList', {})) ?? []) as { id: string; name: string }[];
  const trash = ((await setup('trashList', {})) ?? []) as { id: string }[];
  pools.articles = articles.map((a) => a.id);
  pools.notes = notes.map((n) => n.id);
  pools.noteTitles = notes.map((n) => n.title);
  pools.tags = tags.map((t) => t.id);
  pools.tagNames = tags.map((t) => t.name);
  pools.trash = trash.map((t) => t.id);
  pools.notices = info?.notices.map((n) => n.id) ?? [];
  pools.highlights = [];
  pools.blocks = [];
  for (const a of articles.slice(0, 3)) {
    const view = (await setup('articleGet', { id: a.id })) as { highlights: { id: string }[] } | null;
    pools.highlights.push(...(view?.highlights.map((h) => h.id) ?? []));
    const original = (await setup('articleOriginal', { id: a.id })) as { blocks: { id: string }[] } | null;
    pools.blocks.push(...(original?.blocks.map((b) => ({ articleId: a.id, blockId: b.id })) ?? []));
  }
}

/** Files for importPaths: ordinary ones, a folder, and the awkward cases a researcher's disk also holds. */
async function prepareSandbox(root: string): Promise<Sandbox> {
  const files = join(root, 'files');
  const folder = join(files, 'folder');
  await mkdir(join(folder, 'nested'), { recursive: true });
  await writeFile(
    join(files, 'a.txt'),
    'A title\n\nA paragraph of plain text, long enough to be an article.\n',
  );
  await writeFile(join(files, 'b.md'), '# Heading\n\nSome markdown text with [[a link]] and a paragraph.\n');
  await writeFile(
    join(files, 'c.html'),
    '<html><body><script>alert(1)</script><p>Hello there.</p></body></html>',
  );
  await writeFile(join(files, 'empty.txt'), '');
  await writeFile(join(files, 'nul.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0, 65, 66]));
  await writeFile(join(files, 'long-token.txt'), `Title\n\n${'x'.repeat(1_000_000)}\n`);
  for (const n of [1, 2, 3]) await writeFile(join(folder, `f${n}.md`), `# Folder file ${n}\n\nText ${n}.\n`);
  await writeFile(join(folder, 'nested', 'deep.txt'), 'Deep\n\nDeep text here.\n');
  await symlink(files, join(folder, 'loop'));
  await symlink(join(root, 'nowhere'), join(root, 'dangling-link'));
  await symlink(join(root, 'nowhere.txt'), join(files, 'dangling.txt'));
  return {
    root,
    importables: [
      join(files, 'a.txt'),
      join(files, 'b.md'),
      join(files, 'c.html'),
      join(files, 'empty.txt'),
      join(files, 'nul.txt'),
      join(files, 'long-token.txt'),
      join(files, 'dangling.txt'),
      folder,
      join(folder, 'loop'),
      join(root, 'dangling-link'),
      files,
    ],
  };
}

/** The per-method table: every method, how its calls were answered, and its slowest answer. */
export function formatMethods(methods: Map<ApiMethod, MethodTally>): string {
  const header = ['method', 'calls', 'ok', 'refused', 'INTERNAL', 'non-envelope', 'hung', 'slowest ms'];
  const rows = [...methods].map(([m, t]) =>
    [m, t.calls, t.ok, t.refused, t.internal, t.nonEnvelope, t.hung, t.slowestMs].map(String),
  );
  return formatTable(header, rows);
}
