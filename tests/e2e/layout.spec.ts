// The window from 1024×700 up: the list's titles readable, panes resizable by mouse and keyboard, collapsible,
// and their widths remembered for the notebook.
import { join } from 'node:path';
import { expect, seedsDir, test } from './fixtures';

const seeds = [join(seedsDir, '000_07f86e086a543867.txt'), join(seedsDir, '003_0bc413b256a4f06c.txt')];
const ties = 'The Ties of Myanmar with Russia';

test.use({ viewport: { width: 1024, height: 700 } });

test('at 1024×700 the titles are readable and the reader keeps its room', async ({ quire, page }) => {
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  await quire.openArticle(ties);
  const title = quire.articleRow(ties).getByRole('gridcell').first();
  expect((await title.boundingBox())?.width).toBeGreaterThanOrEqual(180);
  const reader = page.locator('main.main');
  expect((await reader.boundingBox())?.width).toBeGreaterThanOrEqual(380);
  // Nothing scrolls sideways: the panes fit the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await expect(quire.reader.title).toBeInViewport();
  await expect(page.getByRole('searchbox', { name: 'Search articles' })).toBeInViewport();
});

test('panes resize by keyboard and mouse, collapse, and keep their widths for the notebook', async ({
  quire,
  page,
}) => {
  await quire.importFiles(seeds);
  await quire.closeImportReport();
  const listHandle = page.getByRole('separator', { name: 'List width' });
  const sidebarHandle = page.getByRole('separator', { name: 'Sidebar width' });
  const list = page.locator('#list-pane');
  const width = async (): Promise<number> => (await list.boundingBox())?.width ?? 0;

  const before = Number(await listHandle.getAttribute('aria-valuenow'));
  expect(before).toBeGreaterThan(0);
  await listHandle.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(listHandle).toHaveAttribute('aria-valuenow', String(before - 32));
  expect(Math.round(await width())).toBe(before - 32);

  // A drag of the handle: the list follows the pointer.
  const box = await listHandle.boundingBox();
  if (!box) throw new Error('the list handle is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 60, box.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect(listHandle).toHaveAttribute('aria-valuenow', String(before - 92));

  // Enter hides the sidebar and brings it back; hidden, it takes no room.
  await sidebarHandle.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sidebar-pane')).toBeHidden();
  await expect(sidebarHandle).toHaveAttribute('aria-valuetext', 'collapsed');
  expect((await list.boundingBox())?.x).toBeLessThan(20);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
  await page.keyboard.press('Enter');

  // Reloaded: the same widths, the sidebar still hidden.
  await page.reload();
  await expect(page.getByRole('grid', { name: 'Articles' })).toBeVisible();
  await expect(listHandle).toHaveAttribute('aria-valuenow', String(before - 92));
  await expect(page.locator('#sidebar-pane')).toBeHidden();
});
