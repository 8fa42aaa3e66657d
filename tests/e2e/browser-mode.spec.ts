// Browser mode remembers: a restarted server is invisible to the open tab (same address, same key), a tab whose
// server is gone says so in words and reconnects by itself, and each notebook keeps its own query, article,
// reading position, sort order and pane widths.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, seedsDir, startServe, test, type ServeProcess } from './fixtures';
import { QuirePage } from './pages/quire-page';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';
const visit = 'Will Snr-Gen Min Aung Hlaing’s Russia Visit Unlock More Military Cooperation?';
const gone = 'Quire’s server is not running: start it with quire serve — this page reconnects by itself.';

let workDir: string;
let servers: ServeProcess[] = [];
test.beforeEach(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'quire-e2e-restart-'));
});
test.afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  await rm(workDir, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<ServeProcess> {
  const s = await startServe(workDir, args);
  servers.push(s);
  return s;
}

const portOf = (url: string): string => new URL(url).port;

/** The passage at the top of the reading pane, as the researcher sees it. */
async function topPassage(quire: QuirePage): Promise<string> {
  return quire.page.evaluate(`(() => {
    const pane = document.querySelector('main.main');
    const top = pane.getBoundingClientRect().top;
    const p = [...pane.querySelectorAll('[data-passage-id]')].find((el) => el.getBoundingClientRect().bottom > top + 4);
    return p ? p.dataset.passageId : '';
  })()`);
}

test('a restart of quire serve is invisible to the open tab; a gone server is said in words', async ({
  page,
}) => {
  const notebook = join(workDir, 'notebook');
  const first = await serve(['--notebook', notebook, '--port', '0']);
  const quire = new QuirePage(page);
  await quire.goto(first.url);
  await expect(page).toHaveURL(/\/$/); // the key left the address bar
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  await quire.openArticle(visit);
  await page.locator('main.main').evaluate((el) => el.scrollBy(0, 700));
  const reading = await topPassage(quire);
  expect(reading).not.toBe('');
  await quire.searchPanel.search('Fomin');

  await first.stop();
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveText(gone);
  await expect(banner).toHaveAttribute('role', 'alert');

  // The same user's next run, without --port: the same address and key (the page was on the fixed port's
  // fallback only if another program holds it, so the test restarts on the page's own port).
  const second = await serve(['--notebook', notebook, '--port', portOf(first.url)]);
  expect(second.url).toBe(first.url);
  await expect(banner).toBeHidden();
  await quire.searchPanel.search('Sukhoi');
  await expect(quire.searchPanel.hits.first()).toBeVisible();
  await expect(page.getByText(/HTTP 401|access token/)).toHaveCount(0);

  // Reloaded (or opened again at the bare address): the query, the article and the place in it are back.
  await page.goto(`http://127.0.0.1:${portOf(first.url)}/`);
  await expect(quire.reader.title).toHaveText(visit);
  await expect(quire.searchField).toHaveValue('Sukhoi');
  await expect(quire.searchPanel.totals).toContainText('for “Sukhoi”');
  await expect.poll(() => topPassage(quire)).toBe(reading);
});

test('a tab whose key the server does not take says what to do, in words, and recovers with the new link', async ({
  page,
}) => {
  const notebook = join(workDir, 'notebook');
  const first = await serve(['--notebook', notebook, '--port', '0']);
  const quire = new QuirePage(page);
  await quire.goto(first.url);
  await first.stop();
  const renewed = await serve(['--notebook', notebook, '--port', portOf(first.url), '--new-key']);
  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveText(
    'Quire’s server did not accept this page’s access key: open the link quire serve printed (it ends in ?token=…). This page tries again by itself.',
  );
  await quire.searchField.fill('Fomin');
  await expect(page.getByText(/HTTP 401/)).toHaveCount(0);
  await page.goto(renewed.url);
  await expect(quire.searchPanel.totals).toContainText('for “Fomin”');
  await expect(banner).toBeHidden();
});

test('serve without --notebook reopens the notebook the tab had open last', async ({ page }) => {
  const first = await serve(['--notebook', join(workDir, 'first'), '--port', '0']);
  const quire = new QuirePage(page);
  await quire.goto(first.url);
  const dialog = page.getByRole('dialog', { name: 'Notebook' });
  await page.getByRole('button', { name: /^Notebook:/ }).click();
  await dialog.getByRole('textbox', { name: 'Notebook folder' }).fill(join(workDir, 'Field notes'));
  await dialog.getByRole('button', { name: 'Create new' }).click();
  await expect(page.getByRole('button', { name: 'Notebook: Field notes' })).toBeVisible();
  await first.stop();

  await serve(['--port', portOf(first.url)]);
  await expect(page.getByTestId('connection-banner')).toBeHidden();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Notebook: Field notes' })).toBeVisible();
});

test('another notebook starts clean, and the first comes back as it was left', async ({ page }) => {
  const first = await serve(['--notebook', join(workDir, 'Myanmar'), '--port', '0']);
  const quire = new QuirePage(page);
  await quire.goto(first.url);
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  await quire.openArticle(ties);
  await page.getByRole('button', { name: 'Sort by Date' }).click();
  await quire.searchPanel.search('Fomin');

  const switchTo = async (path: string, button: 'Open' | 'Create new'): Promise<void> => {
    await page.getByRole('button', { name: /^Notebook:/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Notebook' });
    await dialog.getByRole('textbox', { name: 'Notebook folder' }).fill(path);
    await dialog.getByRole('button', { name: button, exact: true }).click();
    await expect(dialog).toBeHidden();
  };
  await switchTo(join(workDir, 'Field notes'), 'Create new');
  await expect(quire.searchField).toHaveValue('');
  await expect(page.getByText('Choose an article to read.')).toBeVisible();
  await expect(page.getByText(/No article with id/)).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Sort by Title' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );

  await switchTo(join(workDir, 'Myanmar'), 'Open');
  await expect(quire.reader.title).toHaveText(ties);
  await expect(quire.searchField).toHaveValue('Fomin');
  await expect(quire.searchPanel.totals).toContainText('for “Fomin”');
  await quire.showLibrary();
  await expect(page.getByRole('columnheader', { name: 'Sort by Date' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
});
