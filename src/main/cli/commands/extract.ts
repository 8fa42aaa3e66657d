import { basename } from 'node:path';
import { extractFile, MAX_IMPORT_BYTES } from '../../core/import/extract';
import { readImportFile } from '../../core/import/read-file';
import type { CommandContext } from '../context';
import * as fmt from '../output';

/** What import would keep from one file, without a notebook. */
export async function extractCommand(ctx: CommandContext): Promise<number> {
  const [file] = ctx.args;
  if (ctx.args.length !== 1 || !file) return ctx.usage('quire extract needs exactly one file.');
  const e = await extractFile(await readImportFile(file, MAX_IMPORT_BYTES), basename(file));
  const passages = e.passages.map((p) => ({ id: p.id, text: e.text.slice(p.start, p.end) }));
  if (ctx.json)
    ctx.stdout(fmt.json({ ...fmt.articleJson(e, e.text, passages, e.blocks), warnings: e.warnings }));
  else if (ctx.text) ctx.stdout(e.text);
  else fmt.articleText(e, e.text).forEach((l) => ctx.stdout(l));
  for (const w of ctx.json ? [] : e.warnings) ctx.stderr(`warning: ${w}`);
  return 0;
}
