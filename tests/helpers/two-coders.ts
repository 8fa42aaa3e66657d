// A notebook coded by two people, for the coders e2e spec (which cannot load the core itself):
// `node --import tsx tests/helpers/two-coders.ts DIR ARTICLE_FILE` imports the article and codes the words below
// with `military`, signed by Ana and by Ben as a shared notebook signs them (the session's author); prints the
// article's id.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../src/main/core/app/create';
import { dispatch } from '../../src/main/core/dispatch';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../src/main/core/api-contract';

const coding: { coder: string; words: string }[] = [
  { coder: 'Ana', words: 'the Russian deputy defense minister Lt-Gen Alexander Fomin held talks' },
  { coder: 'Ana', words: 'He has taken a lead role in Russia’s military technical cooperation' },
  { coder: 'Ben', words: 'Alexander Fomin held talks with Rear Admiral Myint Nwe' },
];

const [dir, file] = process.argv.slice(2);
if (!dir || !file) {
  console.error('usage: two-coders.ts NOTEBOOK_DIR ARTICLE_FILE');
  process.exit(2);
}
const services = createServices({
  appVersion: '0.0.0-test',
  userDataDir: await mkdtemp(join(tmpdir(), 'quire-two-coders-')),
});
async function call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
  const result = await dispatch(services.api, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}
await services.core.open(dir, { create: true });
const report = await call('importPaths', { paths: [file] });
const articleId = report.imported[0]?.id;
if (!articleId) throw new Error(`${file} was not imported`);
const { text } = await call('articleGet', { id: articleId });
const tag = await call('tagCreate', { name: 'military' });
for (const { coder, words } of coding) {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`the article does not say “${words}”`);
  services.core.session().author = coder;
  await call('highlightCreate', { articleId, start, end: start + words.length, tagIds: [tag.id] });
}
await services.core.close();
console.log(articleId);
