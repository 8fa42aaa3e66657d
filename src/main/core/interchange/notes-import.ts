// An Obsidian vault or any folder of Markdown files, as notes: the title from the front matter (else the file
// name), the whole file as the body (front matter, [[wikilinks]] and #tags kept as written), created/updated
// from the front matter when it says. Attachments are not copied: links to them stay, and the report lists them.
// Pages Quire itself wrote into a vault (articles, tags) are recognised by its manifest and not imported as notes.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { field, parseFrontMatter } from '../import/front-matter';
import { readImportFile } from '../import/read-file';
import { readZip } from '../import/zip-guard';
import { parseWikilinks, renameWikilinks, sameTitle, titleKey } from '../notes/wikilinks';
import type { Note } from '../types';
import { MANIFEST_PATH } from '../export/vault/sync';

export interface MarkdownFile {
  /** Relative to the vault, `/`-separated. */
  path: string;
  text: string;
}

export interface VaultContents {
  files: MarkdownFile[];
  /** Other files (images, PDFs…): referenced by the notes, not copied into the notebook. */
  attachments: string[];
  /** Files Quire wrote into this vault as article or tag pages. */
  quirePages: string[];
  failed: { file: string; error: string }[];
}

const MAX_NOTE_BYTES = 5_000_000;
const MAX_FILES = 20_000;
const isMarkdown = (name: string): boolean => /\.(md|markdown)$/i.test(name);

/** Article and tag pages a Quire export wrote, from its manifest (if the vault has one). */
function quirePagesFrom(manifest: string | null): Set<string> {
  if (!manifest) return new Set();
  try {
    const data = JSON.parse(manifest) as { files?: Record<string, { key?: string }> };
    return new Set(
      Object.entries(data.files ?? {})
        .filter(([, v]) => /^(article|tag):/.test(v.key ?? ''))
        .map(([k]) => k),
    );
  } catch {
    return new Set();
  }
}

function sortOut(
  entries: { path: string; text: () => Promise<string> }[],
  others: string[],
  manifest: string | null,
): Promise<VaultContents> {
  const pages = quirePagesFrom(manifest);
  const out: VaultContents = { files: [], attachments: others, quirePages: [], failed: [] };
  return (async () => {
    for (const e of entries) {
      if (pages.has(e.path)) {
        out.quirePages.push(e.path);
        continue;
      }
      try {
        out.files.push({
          path: e.path,
          text: (await e.text()).replace(/^\ufeff/, '').replace(/\r\n?/g, '\n'),
        });
      } catch (err) {
        out.failed.push({ file: e.path, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return out;
  })();
}

/** Walks a vault folder (hidden folders such as `.obsidian` and `.trash` skipped). */
export async function readVaultFolder(dir: string): Promise<VaultContents> {
  const root = path.resolve(dir);
  const markdown: string[] = [];
  const others: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
      if (e.name.startsWith('.') || markdown.length + others.length > MAX_FILES) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (e.isFile()) (isMarkdown(e.name) ? markdown : others).push(child);
    }
  };
  await walk('');
  const manifest = await readImportFile(path.join(root, MANIFEST_PATH), 10_000_000).then(
    (bytes) => Buffer.from(bytes).toString('utf8'),
    () => null,
  );
  return sortOut(
    markdown.sort().map((p) => ({
      path: p,
      text: async () =>
        Buffer.from(await readImportFile(path.join(root, ...p.split('/')), MAX_NOTE_BYTES)).toString('utf8'),
    })),
    others.sort(),
    manifest,
  );
}

/** Uploaded files (browser mode: a folder's files with their relative paths, or one .zip of a vault). */
export async function readUploadedVault(files: { name: string; data: Uint8Array }[]): Promise<VaultContents> {
  const flat: { path: string; data: Uint8Array }[] = [];
  for (const f of files) {
    if (/\.zip$/i.test(f.name)) {
      const zip = readZip(f.data, '.zip');
      for (const [name, data] of zip.files) if (!name.endsWith('/')) flat.push({ path: name, data });
    } else flat.push({ path: f.name.replace(/\\/g, '/'), data: f.data });
  }
  // A folder picked in the browser arrives as `Vault/Note.md`: the vault is the common first folder.
  const firsts = new Set(flat.map((f) => (f.path.includes('/') ? f.path.split('/')[0] : '')));
  const strip = firsts.size === 1 && !firsts.has('') ? `${[...firsts][0]}/` : '';
  const visible = flat
    .map((f) => ({ ...f, path: f.path.startsWith(strip) ? f.path.slice(strip.length) : f.path }))
    .filter((f) => f.path !== '' && !f.path.split('/').some((s) => s === '..'));
  const manifestEntry = visible.find((f) => f.path === MANIFEST_PATH);
  const shown = visible.filter((f) => !f.path.split('/').some((s) => s.startsWith('.')));
  return sortOut(
    shown
      .filter((f) => isMarkdown(f.path))
      .map((f) => ({
        path: f.path,
        text: async () => {
          if (f.data.byteLength > MAX_NOTE_BYTES) throw new Error('larger than 5 MB, which no note is');
          return new TextDecoder('utf-8').decode(f.data);
        },
      })),
    shown.filter((f) => !isMarkdown(f.path)).map((f) => f.path),
    manifestEntry ? new TextDecoder().decode(manifestEntry.data) : null,
  );
}

export interface PlannedNote {
  title: string;
  body: string;
  createdAt: string | null;
  updatedAt: string | null;
  file: string;
}

export interface NotesPlan {
  notes: PlannedNote[];
  /** Titles taken by a note already in the notebook: the imported note got a number. */
  renamed: { file: string; from: string; to: string }[];
  /** Attachments some note links to (`![[photo.png]]`): not copied. */
  referencedAttachments: string[];
}

const validDate = (v: string | null): string | null => {
  const t = v ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

/** A Markdown link target with its %-escapes undone; a broken escape stays as written. */
function decodedLink(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

export function planNotes(contents: VaultContents, existing: readonly Note[]): NotesPlan {
  const plan: NotesPlan = { notes: [], renamed: [], referencedAttachments: [] };
  const stemOf = (p: string): string => path.posix.basename(p).replace(/\.(md|markdown)$/i, '');
  const taken = existing.map((n) => n.title);
  for (const file of contents.files) {
    const fm = parseFrontMatter(file.text.split('\n', 600));
    const wanted = (field(fm, 'title') ?? stemOf(file.path)).trim() || 'Untitled';
    let title = wanted;
    for (let i = 2; taken.some((t) => sameTitle(t, title)); i++) title = `${wanted} (${i})`;
    taken.push(title);
    if (title !== wanted) plan.renamed.push({ file: file.path, from: wanted, to: title });
    plan.notes.push({
      title,
      body: file.text,
      createdAt: validDate(field(fm, 'created', 'date', 'created_at')),
      updatedAt: validDate(field(fm, 'updated', 'modified', 'updated_at')),
      file: file.path,
    });
  }
  // Links written with a folder (`[[Sources/Interview 3]]`) point at a note by its title here.
  const titles = new Map(plan.notes.map((n) => [titleKey(stemOf(n.file)), n.title]));
  for (const n of plan.notes) titles.set(titleKey(n.title), n.title);
  const attachments = new Map(contents.attachments.map((a) => [path.posix.basename(a).toLowerCase(), a]));
  const referenced = new Set<string>();
  for (const note of plan.notes) {
    let body = note.body;
    for (const link of parseWikilinks(note.body).reverse()) {
      const target = link.target;
      const attachment = attachments.get(path.posix.basename(target).toLowerCase());
      if (attachment && !isMarkdown(target)) {
        referenced.add(attachment);
        continue;
      }
      const base = path.posix.basename(target).replace(/\.(md|markdown)$/i, '');
      const title = titles.get(titleKey(base));
      if (title && target !== title) {
        body = body.slice(0, link.targetStart) + title + body.slice(link.targetEnd);
      }
    }
    for (const m of note.body.matchAll(/!\[[^\]\n]*\]\(([^)\s]+)\)/g)) {
      const a = attachments.get(path.posix.basename(decodedLink(m[1] ?? '')).toLowerCase());
      if (a) referenced.add(a);
    }
    note.body = body;
  }
  // Notes renamed for a clash: links among the imported notes follow them.
  for (const r of plan.renamed)
    for (const n of plan.notes) if (n.file !== r.file) n.body = renameWikilinks(n.body, r.from, r.to);
  plan.referencedAttachments = [...referenced].sort();
  return plan;
}
