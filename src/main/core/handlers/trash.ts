import type { Core } from '../app/core';
import { restoreFromTrash, trashDetail } from '../app/trash';
import { QuireError } from '../errors';
import type { Handlers } from './handler';

async function trashList(core: Core) {
  return core
    .session()
    .store.list('trash')
    .map((t) => ({ id: t.id, kind: t.kind, title: t.title, deletedAt: t.deletedAt, detail: trashDetail(t) }))
    .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

async function trashRestore(core: Core, { id }: { id: string }) {
  const session = core.writable();
  const entry = session.store.get('trash', id);
  if (!entry) throw new QuireError('NOT_FOUND', 'That item is no longer in the Trash.');
  const { value: notes } = await session.commit(
    `Restore ${entry.kind} “${entry.title}” from the Trash`,
    (tx) => restoreFromTrash(tx, entry),
  );
  return { id, kind: entry.kind, notes };
}

async function trashEmpty(core: Core, { ids }: { ids?: string[] | undefined }) {
  const session = core.writable();
  const chosen = ids ? new Set(ids) : null;
  const { value: removed } = await session.commit('Empty the Trash', (tx) => {
    let n = 0;
    for (const t of tx.list('trash')) {
      if (chosen && !chosen.has(t.id)) continue;
      tx.remove('trash', t.id);
      n++;
    }
    return n;
  });
  return { removed };
}

export const trashHandlers = { trashList, trashRestore, trashEmpty } satisfies Handlers<
  'trashList' | 'trashRestore' | 'trashEmpty'
>;
