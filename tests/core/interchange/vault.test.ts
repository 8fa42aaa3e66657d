import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import wikiLink from 'remark-wiki-link';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { codedNotebook, jets, type Coded } from './coded-notebook';

interface ParsedFile {
  front: Record<string, unknown> | null;
  links: { target: string; block: string | null; alias: string | null }[];
  blocks: Set<string>;
  text: string;
}

const parser = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(wikiLink, { aliasDivider: '|' });

/** A vault file as Obsidian reads it: YAML front matter, wikilinks (with `#^block`), and `^block-id`s. */
function parseVaultFile(markdown: string): ParsedFile {
  const tree = parser.parse(markdown) as Root;
  let front: Record<string, unknown> | null = null;
  const links: ParsedFile['links'] = [];
  const blocks = new Set<string>();
  visit(tree, (node) => {
    const n = node as RootContent & { value?: string; data?: { alias?: string } };
    if (n.type === 'yaml') front = parseYaml(n.value ?? '') as Record<string, unknown>;
    else if ((n.type as string) === 'wikiLink') {
      const [target = '', block] = (n.value ?? '').split('#^');
      const alias = n.data?.alias && n.data.alias !== n.value ? n.data.alias : null;
      links.push({ target, block: block ?? null, alias });
    } else if (n.type === 'paragraph' || n.type === 'heading' || n.type === 'listItem') {
      const m = /\s\^([A-Za-z0-9-]+)$/.exec(toString(n));
      if (m?.[1]) blocks.add(m[1]);
    }
  });
  return { front, links, blocks, text: markdown };
}

async function readVault(dir: string): Promise<Map<string, ParsedFile>> {
  const files = new Map<string, ParsedFile>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.name.endsWith('.md')) files.set(relative(dir, p), parseVaultFile(await readFile(p, 'utf8')));
    }
  };
  await walk(dir);
  return files;
}

/** Obsidian resolves `[[Name]]` by file name anywhere in the vault. */
function resolve(files: Map<string, ParsedFile>, target: string): ParsedFile | undefined {
  for (const [path, f] of files) if (path.replace(/^.*\//, '').replace(/\.md$/, '') === target) return f;
  return undefined;
}

describe('Obsidian vault export', () => {
  let coded: Coded;
  let vault: string;
  beforeEach(async () => {
    coded = await codedNotebook();
    vault = join(coded.nb.root, 'vault');
  });
  afterEach(() => coded.nb.cleanup());

  it('every wikilink and block reference resolves, and every front matter is valid YAML', async () => {
    await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    const files = await readVault(vault);
    const paths = [...files.keys()].sort();
    expect(paths).toEqual(
      expect.arrayContaining(['Arms deals.md', 'Russia ties.md', 'Tags/Actors.md', 'Tags/Russia.md']),
    );
    // Articles with highlights or cited get a page; one per tag.
    expect(paths.filter((p) => p.startsWith('Articles/'))).toHaveLength(3);
    expect(paths.filter((p) => p.startsWith('Tags/'))).toHaveLength(5);

    let links = 0;
    let blockLinks = 0;
    for (const [path, f] of files) {
      expect(f.front, `${path} has front matter`).not.toBeNull();
      for (const l of f.links) {
        const target = resolve(files, l.target);
        expect(target, `${path}: [[${l.target}]] resolves`).toBeDefined();
        links++;
        if (l.block) {
          expect([...(target?.blocks ?? [])], `${path}: [[${l.target}#^${l.block}]]`).toContain(l.block);
          blockLinks++;
        }
      }
    }
    expect(links).toBeGreaterThan(10);
    expect(blockLinks).toBeGreaterThan(5);
  });

  it('an article page carries its metadata, its text by passage, and its highlights with nested tags', async () => {
    await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    const files = await readVault(vault);
    const [path, page] = [...files].find(([, f]) => f.front?.['quire-id'] === coded.articles.ties) ?? [];
    expect(path).toMatch(/^Articles\//);
    const article = await coded.nb.call('articleGet', { id: coded.articles.ties });
    expect(page?.front).toMatchObject({
      title: article.article.title,
      url: null,
      'quire-id': coded.articles.ties,
      tags: expect.arrayContaining(['actors/russia', 'arms-trade/fighter-jets']),
    });
    expect(page?.blocks.size).toBe(article.passages.length);
    expect(page?.text).toContain('## Highlights');
    expect(page?.text).toContain(jets);
    expect(page?.text).toContain('#actors/russia');
    expect(page?.text).toContain('Deliveries began in 2020?');
    expect(page?.text).toContain('Read with the Irrawaddy piece.');
  });

  it("a citation in a note links to the cited passage's block and keeps the readable line with the URL", async () => {
    const h3 = coded.highlights[2] ?? '';
    const cite = await coded.nb.call('citationFor', { highlightId: h3 });
    await coded.nb.call('noteCreate', { title: 'Signals', body: `${cite.markdown}\n` });
    await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    const files = await readVault(vault);
    const note = files.get('Signals.md');
    const cited = note?.links.find((l) => l.block);
    const page = resolve(files, cited?.target ?? '');
    expect(page?.front?.['quire-id']).toBe(coded.articles.emoji);
    const h = coded.nb.core.session().store.get('highlight', h3);
    expect(cited?.block).toBe(h?.passageId);
    // The readable attribution (Chicago author-date by default) with the URL, beside the link.
    expect(note?.text).toMatch(
      /Roe, Jane\. n\.d\. .*Signals 📡 and 𝔘nicode.*<https:\/\/example\.org\/signals>/,
    );
    expect(cited?.alias).toMatch(/^\(Roe,? n\.d\., para\. \d+\)$/);
    expect(files.get('Arms deals.md')?.links.find((l) => l.target === 'Russia ties')).toBeDefined();
  });

  it('a tag page holds description, memo, subcodes and its passages', async () => {
    await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    const files = await readVault(vault);
    const russia = files.get('Tags/Russia.md');
    expect(russia?.front).toMatchObject({ path: 'Actors/Russia', color: '#e03131' });
    expect(russia?.text).toContain('State & firms.');
    expect(russia?.text).toContain('## Passages (2)');
    const actors = files.get('Tags/Actors.md');
    expect(actors?.text).toContain('Who acts.');
    expect(actors?.links.map((l) => l.target)).toEqual(
      expect.arrayContaining(['Russia', 'Myanmar military']),
    );
  });

  it('re-export updates its own files and never overwrites one the researcher changed', async () => {
    await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    const mine = join(vault, 'Russia ties.md');
    await writeFile(mine, '# My own words\n');
    await writeFile(join(vault, 'Scratch.md'), 'my note\n');
    await coded.nb.call('noteUpdate', {
      id:
        coded.nb.core
          .session()
          .store.list('note')
          .find((n) => n.title === 'Arms deals')?.id ?? '',
      body: 'Rewritten in Quire.\n',
    });
    const again = await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    expect(again.written).toContain('Arms deals.md');
    expect(again.conflicts).toEqual([{ file: 'Russia ties.md', copy: expect.stringMatching(/Quire/) }]);
    expect(await readFile(mine, 'utf8')).toBe('# My own words\n');
    expect(await readFile(join(vault, again.conflicts[0]?.copy ?? ''), 'utf8')).toContain('Moscow sells');
    expect(await readFile(join(vault, 'Arms deals.md'), 'utf8')).toContain('Rewritten in Quire.');
    expect(await readFile(join(vault, 'Scratch.md'), 'utf8')).toBe('my note\n');
    const third = await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    expect(third.written).toEqual([]);
  });

  it('downloads as a zip holding the same files (browser mode)', async () => {
    await coded.nb.call('exportTo', { format: 'obsidian', out: vault });
    const onDisk = await readVault(vault);
    const d = await coded.nb.call('exportDownload', { format: 'obsidian' });
    expect(d.fileName).toMatch(/\.zip$/);
    const zip = unzipSync(new Uint8Array(Buffer.from(d.data, 'base64')));
    const md = Object.keys(zip).filter((p) => p.endsWith('.md'));
    expect(md.sort()).toEqual([...onDisk.keys()].sort());
    for (const p of md) expect(strFromU8(zip[p] ?? new Uint8Array())).toBe(onDisk.get(p)?.text);
  });
});
