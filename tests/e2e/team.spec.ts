// Sharing a notebook from the UI: File > Share notebook… against a CouchDB-protocol server on 127.0.0.1, the top
// bar saying where sync stands in words, plain http to another machine refused in the dialog, and the Conflicts view
// with its merge editor.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { expect, repoRoot, seedsDir, test } from './fixtures';

let couch: ChildProcess | null = null;
let couchUrl = '';

test.beforeAll(async () => {
  couch = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/test-couch.ts')], {
    cwd: repoRoot,
  });
  couchUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: couch!.stdout! }).once('line', (l) => resolve(l.trim()));
    couch!.once('exit', (code) => reject(new Error(`the test CouchDB server exited (${code})`)));
  });
});
test.afterAll(() => {
  couch?.kill('SIGTERM');
});

async function command(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Quick open' });
  await palette.getByRole('combobox').fill(name);
  await palette.getByText(name, { exact: true }).click();
}

/** Fills File > Share notebook… and presses Share; the dialog stays open when the server is refused. */
async function share(page: Page, server: string, db: string, name: string) {
  await command(page, 'Share notebook…');
  const dialog = page.getByRole('dialog', { name: 'Share this notebook' });
  await dialog.getByLabel('Server', { exact: true }).fill(server);
  await dialog.getByLabel('Database').fill(db);
  await dialog.getByLabel('Your name in this notebook').fill(name);
  await dialog.getByRole('button', { name: 'Share' }).click();
  return dialog;
}

test('share a notebook: refused over plain http to another machine, then "Synced" in the top bar', async ({
  quire,
  page,
}) => {
  await quire.importFiles([join(seedsDir, '000_07f86e086a543867.txt')]);
  await quire.closeImportReport();

  const dialog = await share(page, 'http://couch.example.org', 'team', 'Ana');
  await expect(dialog.getByRole('alert')).toContainText('over plain http');

  await dialog.getByLabel('Server', { exact: true }).fill(couchUrl);
  await dialog.getByRole('button', { name: 'Share' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Sync' })).toContainText('Synced');

  await command(page, 'Show sync conflicts');
  await expect(page.getByText('No conflicts: every machine agrees.')).toBeVisible();
});

/** The server's document for the only note in `db` (once it has arrived there). */
async function serverNote(
  db: string,
): Promise<{ _id: string; _rev: string; record: Record<string, unknown> }> {
  let found: { _id: string; _rev: string; record: Record<string, unknown> } | null = null;
  await expect
    .poll(
      async () => {
        const url = `${couchUrl}/${db}/_all_docs?include_docs=true&startkey=%22note:%22&endkey=%22note:%EF%BF%BF%22`;
        const res = await fetch(url);
        if (!res.ok) return 0;
        const { rows } = (await res.json()) as { rows: { doc: typeof found }[] };
        found = rows[0]?.doc ?? null;
        return rows.length;
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  return found!;
}

/** Two members' edits of the same version, made apart: written to the server as sibling revisions. */
async function editedApart(
  db: string,
  doc: Awaited<ReturnType<typeof serverNote>>,
  bodies: Record<string, string>,
) {
  const [gen, hash] = doc._rev.split('-');
  const docs = Object.entries(bodies).map(([by, body], i) => {
    const id = `${i + 1}`.repeat(32);
    return {
      ...doc,
      _rev: `${Number(gen) + 1}-${id}`,
      _revisions: { start: Number(gen) + 1, ids: [id, hash] },
      record: { ...doc.record, body, updatedBy: by },
    };
  });
  const res = await fetch(`${couchUrl}/${db}/_bulk_docs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ docs, new_edits: false }),
  });
  expect(res.ok).toBe(true);
}

test('a note edited on two machines: merged by hand in the Conflicts view, the note shows the merge, Undo puts it back', async ({
  quire,
  page,
}) => {
  await quire.importFiles([join(seedsDir, '000_07f86e086a543867.txt')]);
  await quire.closeImportReport();
  await expect(await share(page, couchUrl, 'merge', 'Ana')).toHaveCount(0);

  const notes = quire.notes;
  await quire.showNotes();
  await notes.create('Plan');
  await notes.write('Intro\n\nThe middle\n\nEnd');
  // Live sync sends the note and brings the two versions back (no "Sync now": live sync is already running).
  const sync = page.getByRole('status', { name: 'Sync' });
  const doc = await serverNote('merge');
  expect(doc.record.body).toBe('Intro\n\nThe middle\n\nEnd');
  // Ben's revision id sorts last, so his is the version every machine shows (CouchDB's deterministic winner).
  await editedApart('merge', doc, {
    Ana: 'Intro by Ana\n\nAna’s middle\n\nEnd',
    Ben: 'Intro\n\nBen’s middle\n\nEnd by Ben',
  });

  await sync.getByRole('button', { name: '1 conflict' }).click({ timeout: 30_000 });
  const item = page.getByRole('listitem', { name: 'Conflict in Plan' });
  await expect(item.locator('pre')).toHaveText([/Ben’s middle/, /Ana’s middle/]);
  const merge = item.getByRole('textbox', { name: /^Merged text/ });
  // The lines one side changed are merged; the line both changed stands between markers, the shown version first.
  await expect(merge).toHaveValue(
    'Intro by Ana\n\n<<<<<<< Ben\nBen’s middle\n=======\nAna’s middle\n>>>>>>> Ana\n\nEnd by Ben',
  );

  // Saving with the markers still in is refused with a sentence.
  await merge.press('ControlOrMeta+Enter');
  await expect(item.getByRole('alert')).toContainText('still has 3 conflict marker lines');

  await merge.fill('Intro by Ana\n\nAna’s and Ben’s middle\n\nEnd by Ben');
  await merge.press('ControlOrMeta+Enter');
  const toast = page.locator('.toast').filter({ hasText: 'Settled “Plan”: saved the merged text.' });
  await expect(toast).toBeVisible();
  await expect(page.getByText('No conflicts: every machine agrees.')).toBeVisible();

  await quire.showNotes();
  await notes.open('Plan');
  await expect(notes.editor).toContainText('Ana’s and Ben’s middle');
  await expect(notes.editor).toContainText('End by Ben');

  // Settling was one undo step: the text the note showed before the merge comes back.
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(notes.editor).toContainText('Ben’s middle');
  await expect(notes.editor).not.toContainText('Ana’s and Ben’s middle');
});
