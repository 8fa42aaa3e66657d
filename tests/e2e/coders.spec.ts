// Two coders in one notebook: Ana and Ben coded the same article with the same code (tests/helpers/two-coders.ts
// signs their highlights as a shared notebook does). Compare coders shows their agreement (percent, kappa, the
// passages only one of them coded), a disagreement opens in the reader, and the coded segments and the reader are
// filtered by coder.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot, seedsDir, startServe, test, type ServeProcess } from './fixtures';
import { QuirePage } from './pages/quire-page';

const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
const lead = 'He has taken a lead role in Russia’s military technical cooperation';

let workDir = '';
let server: ServeProcess | undefined;

test.beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'quire-e2e-coders-'));
  const notebook = join(workDir, 'notebook');
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'tests/helpers/two-coders.ts'),
      notebook,
      join(seedsDir, '003_0bc413b256a4f06c.txt'),
    ],
    { cwd: repoRoot },
  );
  server = await startServe(workDir, ['--notebook', notebook, '--port', '0']);
});
test.afterEach(async () => {
  await server?.stop();
  await rm(workDir, { recursive: true, force: true });
});

async function command(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Quick open' });
  await palette.getByRole('combobox').fill(name);
  await palette.getByText(name, { exact: true }).click();
}

test('compare two coders, open a disagreement, filter segments and the reader by coder', async ({ page }) => {
  const quire = new QuirePage(page);
  await quire.goto(server!.url);
  await quire.openArticle(visit);
  await expect(quire.reader.body.locator('.hl[tabindex="0"]')).toHaveCount(3);

  // Compare coders lists both of them.
  await command(page, 'Compare coders…');
  const compare = page.getByRole('region', { name: 'Compare coders' });
  await compare.getByLabel('Coder A').selectOption('Ana');
  await compare.getByLabel('Coder B').selectOption('Ben');
  await compare.getByRole('button', { name: 'Compare' }).click();
  await expect(compare.getByTestId('agreement-overall')).toContainText(
    /Ana and Ben: \d+\.\d% agreement, κ = 0\.\d\d/,
  );
  const table = compare.getByTestId('agreement-table');
  await expect(table.getByRole('row', { name: /military/ })).toContainText(/\d+\.\d%/);
  const onlyAna = compare.getByRole('region', { name: 'Coded by Ana only' });
  const onlyBen = compare.getByRole('region', { name: 'Coded by Ben only' });
  await expect(
    onlyAna.getByTestId('disagreement').filter({ hasText: 'He has taken a lead role' }),
  ).toHaveCount(1);
  await expect(onlyBen.getByTestId('disagreement').first()).toContainText('Rear Admiral Myint Nwe');
  await expect(onlyBen.getByTestId('disagreement').first()).toContainText('military');

  // A disagreement opens the article at its passage.
  await onlyAna.getByTestId('disagreement').filter({ hasText: 'He has taken a lead role' }).click();
  await expect(quire.reader.title).toHaveText(visit);
  await expect(quire.reader.passage(lead)).toHaveClass(/target/);

  // Coded segments narrowed to Ben's.
  await page.getByRole('button', { name: 'Coded segments' }).click();
  const segments = page.getByRole('region', { name: 'Coded segments' });
  await segments.getByLabel('Coder').selectOption({ label: 'Ben' });
  await segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(segments.getByTestId('segment-counts')).toContainText('1 segment in 1 article');
  await expect(segments.getByTestId('coded-segment')).toContainText('Rear Admiral Myint Nwe');
  await segments.getByLabel('Coder').selectOption({ label: 'All coders' });
  await segments.getByRole('button', { name: 'Find segments' }).click();
  await expect(segments.getByTestId('coded-segment')).toHaveCount(3);

  // Pictures by coder: Ana's two segments in the code × document table; its cell lists just hers.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Pictures' }).click();
  const pictures = page.getByRole('region', { name: 'Pictures' });
  await pictures.getByLabel('Coder').selectOption({ label: 'Ana' });
  await pictures.getByRole('button', { name: 'Draw' }).click();
  await pictures
    .getByTestId('picture-table')
    .getByRole('button', { name: /^military × .*: 2 segments$/ })
    .click();
  await expect(segments.getByTestId('coded-segment')).toHaveCount(2);
  await expect(segments.getByTestId('coded-segment').filter({ hasText: 'Rear Admiral' })).toHaveCount(0);

  // The reader shows only Ben's highlights, in this article and after opening it again.
  const showOnly = page.getByRole('toolbar', { name: 'Article tools' }).getByLabel('Show highlights of');
  await showOnly.selectOption({ label: 'Ben' });
  await expect(quire.reader.body.locator('.hl[tabindex="0"]')).toHaveCount(1);
  await expect(quire.reader.highlight('He has taken a lead role')).toHaveCount(0);
  await quire.openArticle(visit);
  await expect(showOnly).toHaveValue('coder:Ben');
  await expect(quire.reader.body.locator('.hl[tabindex="0"]')).toHaveCount(1);
  await showOnly.selectOption({ label: 'All coders' });
  await expect(quire.reader.body.locator('.hl[tabindex="0"]')).toHaveCount(3);
});
