// File names across a whole vault. Obsidian resolves `[[Name]]` by file name wherever the file sits, so every
// Markdown file Quire writes gets a name no other file in the vault has (ignoring case, as macOS and Windows
// do): notes at the top, articles in Articles/, tags in Tags/. Names the researcher's own files use are reserved.
import { safeBaseName } from '../file-names';

export const FOLDERS = { note: '', article: 'Articles', tag: 'Tags' } as const;
export type VaultKind = keyof typeof FOLDERS;

export class VaultNames {
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string> = []) {
    this.taken = new Set([...reserved].map((n) => n.normalize('NFC').toLowerCase()));
  }

  /** A unique stem (the name without `.md`) for this title. */
  claim(title: string): string {
    const base = safeBaseName(title);
    let stem = base;
    for (let n = 2; this.taken.has(stem.toLowerCase()); n++) stem = `${base} (${n})`;
    this.taken.add(stem.toLowerCase());
    return stem;
  }
}

export function vaultPath(kind: VaultKind, stem: string): string {
  const folder = FOLDERS[kind];
  return folder ? `${folder}/${stem}.md` : `${stem}.md`;
}
