// The table of `quire` commands. A new command is a file in this folder plus one entry here, with its usage
// lines and the flags it reads beside it; `quire --help` is assembled from these entries.
import type { ParseArgsConfig } from 'node:util';
import type { CommandContext } from '../context';
import { exportCommand } from './export';
import { extractCommand } from './extract';
import { importCommand } from './import';
import {
  importNotesCommand,
  importQdcCommand,
  importQdpxCommand,
  importRefsCommand,
} from './import-exchange';
import { listCommand } from './list';
import { noticesCommand } from './notices';
import { searchCommand } from './search';
import { serveCommand } from './serve';
import { showCommand } from './show';
import { tagsCommand } from './tags';
import { shareCommand } from './share';
import { syncCommand } from './sync';

/** The flags a command reads, in node:util parseArgs form. */
export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CliCommand {
  name: string;
  run(ctx: CommandContext): Promise<number>;
  /** Usage lines: what follows `quire `, and an optional one-line summary. */
  usage: readonly (readonly [synopsis: string, summary?: string])[];
  /** Flags this command reads beyond the common ones (--notebook, --json, --text, --help, --version). */
  options?: OptionsConfig;
}

export const commands: readonly CliCommand[] = [
  {
    name: 'import',
    run: importCommand,
    usage: [['import  [--notebook DIR] [--json] PATH...', 'import files and folders (recursive)']],
  },
  {
    name: 'list',
    run: listCommand,
    usage: [['list    [--notebook DIR] [--json]', "list the notebook's articles"]],
  },
  {
    name: 'show',
    run: showCommand,
    usage: [['show    [--notebook DIR] [--json | --text] ID', 'one article (--text: only the cleaned text)']],
  },
  {
    name: 'extract',
    run: extractCommand,
    usage: [['extract [--json | --text] FILE', 'what import would keep, without storing anything']],
  },
  {
    name: 'search',
    run: searchCommand,
    usage: [
      ['search  [--notebook DIR] [--json] [--limit N] [--hits N] QUERY'],
      [
        'search  [--notebook DIR] --json --queries FILE',
        'one query per line in, one JSON object per line out',
      ],
    ],
    options: { limit: { type: 'string' }, hits: { type: 'string' }, queries: { type: 'string' } },
  },
  {
    name: 'tags',
    run: tagsCommand,
    usage: [['tags    [--notebook DIR] [--json]', 'the codebook as a tree, with descriptions and counts']],
  },
  {
    name: 'export',
    run: exportCommand,
    usage: [
      ['export  obsidian|markdown|csv|xlsx|qdpx|qdc|bibtex|csljson [--notebook DIR] --out PATH'],
      ['export  FORMAT --out PATH [--overwrite | --keep-both] [--articles used|all|cited]'],
      ['export  FORMAT --out PATH [--style chicago-author-date|apa|modern-language-association|ieee|…]'],
      ['export  FORMAT … [--coder NAME] [--json]', 'for Obsidian, spreadsheets, QDA tools, Zotero'],
    ],
    options: {
      out: { type: 'string' },
      overwrite: { type: 'boolean', default: false },
      'keep-both': { type: 'boolean', default: false },
      articles: { type: 'string' },
      style: { type: 'string' },
      coder: { type: 'string' },
    },
  },
  {
    name: 'import-qdpx',
    run: importQdpxCommand,
    usage: [
      ['import-qdpx  [--notebook DIR] [--json] FILE', 'a REFI-QDA project (QualCoder, ATLAS.ti, NVivo…)'],
    ],
  },
  {
    name: 'import-qdc',
    run: importQdcCommand,
    usage: [['import-qdc   [--notebook DIR] [--json] FILE', 'a REFI-QDA codebook, merged into the tags']],
  },
  {
    name: 'import-notes',
    run: importNotesCommand,
    usage: [
      ['import-notes [--notebook DIR] [--json] DIR...', 'an Obsidian vault or Markdown folder as notes'],
    ],
  },
  {
    name: 'import-refs',
    run: importRefsCommand,
    usage: [
      ['import-refs  [--notebook DIR] [--json] [--fill-only] FILE'],
      ['import-refs  … FILE', 'BibTeX / CSL-JSON / RIS fill or correct article metadata'],
    ],
    options: { 'fill-only': { type: 'boolean', default: false } },
  },
  {
    name: 'notices',
    run: noticesCommand,
    usage: [
      ['notices [--notebook DIR] [--json] [--ack]', "what happened to the notebook's files; --ack: seen"],
    ],
    options: { ack: { type: 'boolean', default: false } },
  },
  {
    name: 'share',
    run: shareCommand,
    usage: [
      [
        'share   [--notebook DIR] --remote URL [--db NAME] [--user NAME] [--as AUTHOR] [--json]',
        'share the notebook on a CouchDB server, or join the one there (password: QUIRE_SYNC_PASSWORD)',
      ],
    ],
    options: {
      remote: { type: 'string' },
      db: { type: 'string' },
      user: { type: 'string' },
      as: { type: 'string' },
    },
  },
  {
    name: 'sync',
    run: syncCommand,
    usage: [
      [
        'sync    [--notebook DIR] [--once | --live] [--json]',
        'sync a shared notebook once, or live until stopped',
      ],
      ['sync status [--notebook DIR] [--json]', 'where sync stands: changes waiting, conflicts'],
    ],
    options: { once: { type: 'boolean', default: false }, live: { type: 'boolean', default: false } },
  },
  {
    name: 'serve',
    run: serveCommand,
    usage: [
      [
        'serve   [--notebook DIR] [--port N] [--new-key]',
        'browser mode; first line printed: the URL with its key',
      ],
    ],
    options: { port: { type: 'string' }, 'new-key': { type: 'boolean', default: false } },
  },
];
