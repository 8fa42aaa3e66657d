import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { ApiMethod, ApiInput, ApiOutputs } from '../core/api-contract';
import { createServices, type Services } from '../core/app/create';
import { resolveNotebookDir, userDataDir, type PlatformInfo } from '../core/app/paths';
import { APP_VERSION } from '../core/app/version';
import { dispatch } from '../core/dispatch';
import { QuireError, toApiError } from '../core/errors';
import { extractFile, MAX_IMPORT_BYTES } from '../core/import/extract';
import { readImportFile } from '../core/import/read-file';
import { extractorBeside } from '../core/import/extract-pool';
import { rebuildWorkerBeside } from '../core/search/rebuild';
import { startServer } from '../server/http-server';
import * as fmt from './output';
import { USAGE } from './usage';

export interface CliEnv extends fmt.Out {
  platform: PlatformInfo;
  /** Resolves when the process should stop serving (SIGINT/SIGTERM); only `serve` waits on it. */
  untilStopped: () => Promise<void>;
}

const options = {
  notebook: { type: 'string' },
  json: { type: 'boolean', default: false },
  text: { type: 'boolean', default: false },
  limit: { type: 'string' },
  queries: { type: 'string' },
  out: { type: 'string' },
  overwrite: { type: 'boolean', default: false },
  'keep-both': { type: 'boolean', default: false },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

/** Runs one CLI invocation and returns its exit code: 0 done, 1 notebook/I-O error, 2 bad usage. */
export async function runCli(argv: string[], env: CliEnv): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    env.stderr(`quire: ${e instanceof Error ? e.message : String(e)}\nRun 'quire --help' for usage.`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    env.stdout(APP_VERSION);
    return 0;
  }
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (command || values.help ? env.stdout : env.stderr)(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.json && values.text) return usage(env, '--json and --text cannot be used together.');

  let services: Services | undefined;
  /**
   * `withWorkers`: commands that import (import, serve) extract, and rebuild a damaged search index, in worker
   * threads beside the built CLI. One-shot reads (list, search, ...) rebuild in-thread so they answer in full.
   */
  const open = async (create: boolean, withWorkers = false) => {
    services = createServices({
      appVersion: APP_VERSION,
      userDataDir: userDataDir(env.platform),
      ...(withWorkers
        ? { extractor: extractorBeside(import.meta.url), rebuildWorker: rebuildWorkerBeside(import.meta.url) }
        : {}),
    });
    await services.core.open(resolveNotebookDir(env.platform, values.notebook), create);
    return services;
  };
  const call = async <M extends ApiMethod>(
    s: Services,
    method: M,
    input: ApiInput<M>,
  ): Promise<ApiOutputs[M]> => {
    const result = await dispatch(s.api, method, input);
    if (!result.ok) throw new QuireError(result.error.code, result.error.message);
    return result.value;
  };

  try {
    switch (command) {
      case 'import': {
        if (!args.length) return usage(env, 'quire import needs at least one file or folder.');
        const s = await open(true, true);
        const report = await call(s, 'importPaths', { paths: args });
        if (values.json) env.stdout(fmt.json(fmt.importJson(report)));
        else fmt.importText(report).forEach((l) => env.stdout(l));
        return 0;
      }
      case 'list': {
        if (args.length) return usage(env, 'quire list takes no arguments.');
        const s = await open(false);
        const articles = await call(s, 'articleList', {});
        if (values.json) env.stdout(fmt.json(fmt.listJson(articles)));
        else fmt.listText(articles).forEach((l) => env.stdout(l));
        return 0;
      }
      case 'show': {
        if (args.length !== 1 || !args[0])
          return usage(env, 'quire show needs exactly one article id (see quire list).');
        const s = await open(false);
        const view = await call(s, 'articleGet', { id: args[0] });
        const passages = view.passages.map(({ id, text }) => ({ id, text }));
        if (values.json) {
          const { blocks } = await call(s, 'articleOriginal', { id: args[0] });
          env.stdout(fmt.json(fmt.articleJson(view.article, view.text, passages, blocks)));
        } else if (values.text) env.stdout(view.text);
        else fmt.articleText(view.article, view.text).forEach((l) => env.stdout(l));
        return 0;
      }
      case 'extract': {
        if (args.length !== 1 || !args[0]) return usage(env, 'quire extract needs exactly one file.');
        const e = await extractFile(await readImportFile(args[0], MAX_IMPORT_BYTES), basename(args[0]));
        const passages = e.passages.map((p) => ({ id: p.id, text: e.text.slice(p.start, p.end) }));
        if (values.json)
          env.stdout(fmt.json({ ...fmt.articleJson(e, e.text, passages, e.blocks), warnings: e.warnings }));
        else if (values.text) env.stdout(e.text);
        else fmt.articleText(e, e.text).forEach((l) => env.stdout(l));
        for (const w of values.json ? [] : e.warnings) env.stderr(`warning: ${w}`);
        return 0;
      }
      case 'search': {
        const limit = values.limit === undefined ? 20 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          return usage(env, '--limit takes a whole number from 1 to 1000.');
        if (values.queries) {
          if (!values.json) return usage(env, '--queries needs --json (one JSON object per line out).');
          if (args.length) return usage(env, 'give either QUERY or --queries FILE, not both.');
          const lines = (await readFile(values.queries, 'utf8')).split(/\r?\n/).filter((l) => l.trim());
          const s = await open(false);
          for (const query of lines)
            env.stdout(fmt.json(fmt.searchJson(await call(s, 'search', { query, limit }))));
          return 0;
        }
        if (!args.length) return usage(env, 'quire search needs a query.');
        const s = await open(false);
        const r = await call(s, 'search', { query: args.join(' '), limit });
        if (values.json) env.stdout(fmt.json(fmt.searchJson(r)));
        else fmt.searchText(r).forEach((l) => env.stdout(l));
        return 0;
      }
      case 'export': {
        if (args[0] !== 'markdown' || args.length !== 1)
          return usage(env, "quire export supports 'markdown': quire export markdown --out DIR");
        if (!values.out) return usage(env, 'quire export markdown needs --out DIR.');
        if (values.overwrite && values['keep-both'])
          return usage(env, '--overwrite and --keep-both cannot be used together.');
        const onConflict = values.overwrite ? 'overwrite' : values['keep-both'] ? 'keep-both' : 'ask';
        const s = await open(false);
        const r = await call(s, 'exportMarkdown', { dir: values.out, onConflict });
        if (r.conflicts.length) {
          env.stderr(
            `quire: ${r.conflicts.length} file(s) already exist in ${r.dir} (${r.conflicts.slice(0, 3).join(', ')}` +
              `${r.conflicts.length > 3 ? ', …' : ''}); nothing was written. Use --overwrite or --keep-both.`,
          );
          return 1;
        }
        if (values.json) env.stdout(fmt.json(r));
        else env.stdout(`Exported ${r.written.length} note${r.written.length === 1 ? '' : 's'} to ${r.dir}`);
        return 0;
      }
      case 'serve': {
        if (args.length) return usage(env, 'quire serve takes no arguments.');
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          return usage(env, '--port takes a number from 0 to 65535.');
        const s = await open(true, true);
        const server = await startServer({
          api: s.api,
          events: s.events,
          staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
          port,
        });
        env.stdout(server.url);
        env.stderr(
          `Quire is serving ${s.core.info().path} — open the URL above in a browser. Ctrl+C stops it.`,
        );
        await env.untilStopped();
        await server.close();
        return 0;
      }
      default:
        return usage(env, `unknown command '${command}'.`);
    }
  } catch (e) {
    env.stderr(`quire: ${toApiError(e).message}`);
    return 1;
  } finally {
    await (services as Services | undefined)?.core.close().catch(() => undefined);
  }
}

function usage(env: fmt.Out, message: string): number {
  env.stderr(`quire: ${message}\nRun 'quire --help' for usage.`);
  return 2;
}

export const defaultPlatform = (): PlatformInfo => ({
  platform: process.platform,
  env: process.env,
  home: homedir(),
});
