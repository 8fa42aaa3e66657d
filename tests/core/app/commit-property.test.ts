// Issue 10's evidence for "one way for a change to happen": random sessions of up to 200 operations of every kind,
// interleaved with undo and redo (and now and then two operations sent at once). Along the way and at the end,
// everything derived from the records (search index, tag counts, backlinks, summaries, what the UI folds from the
// events) equals its recomputation; undoing everything gives back the records the session started from, redoing
// everything the records it ended with, and the notebook opened again answers like a rebuild.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../../src/main/core/api-contract';
import { createServices } from '../../../src/main/core/app/create';
import { dispatch } from '../../../src/main/core/dispatch';
import { openTestNotebook, type TestNotebook } from '../../helpers/notebook';
import {
  EventFold,
  expectDerivedMatchRecords,
  expectIndexMatchesRebuild,
  recordsOf,
  type Opened,
} from './commit-property/checks';
import { describeOp, op } from './commit-property/ops';
import { Runner } from './commit-property/run';

const CHECK_EVERY = 50;
// About 5 s a session here: eight keep `npm test` within a minute; QUIRE_PROPERTY_RUNS=200 for a longer hunt.
const RUNS = Number(process.env.QUIRE_PROPERTY_RUNS ?? 8);

/** A session's operations, each printed as one readable line in a counterexample. */
const session = fc.array(
  op.map((o) => Object.assign(o, { [fc.toStringMethod]: () => describeOp(o) })),
  { minLength: 1, maxLength: 200, size: 'max' },
);

async function everything(nb: Opened, fold: EventFold | null, where: string): Promise<void> {
  await expectIndexMatchesRebuild(nb, where);
  await expectDerivedMatchRecords(nb, where);
  await fold?.expectMatches(nb, where);
}

/** The same folder opened again by a new app instance (fresh history, index from its cache and the journal). */
async function reopen(nb: TestNotebook): Promise<Opened & { close(): Promise<void> }> {
  await nb.core.close();
  let tick = Date.parse('2026-12-01T10:00:00Z');
  const services = createServices({
    appVersion: '0.0.0-test',
    userDataDir: join(nb.root, 'user-data'),
    clock: () => new Date((tick += 1000)),
  });
  await services.core.open(nb.dir, { create: false });
  return {
    core: services.core,
    async call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]> {
      const result = await dispatch(services.api, method, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value;
    },
    close: () => services.core.close(),
  };
}

/** Undoes until there is nothing left; returns how many steps that took. */
async function undoAll(nb: TestNotebook, runner: Runner): Promise<number> {
  let steps = 0;
  while ((await nb.call('undoState', {})).undo !== null) {
    if (++steps > 1000) throw new Error('undo never ran out of steps');
    await runner.run({ kind: 'undo' });
  }
  return steps;
}

describe('every change is one commit: store, index, counts, links, history and events stay in step', () => {
  it(
    'after any sequence of operations, undos and redos',
    async () => {
      await fc.assert(
        fc.asyncProperty(session, async (ops) => {
          const started = Date.now();
          const nb = await openTestNotebook();
          const runner = new Runner(nb);
          const fold = new EventFold();
          nb.events.subscribe((name, payload) => {
            if (name === 'committed' && 'records' in payload) fold.apply(payload);
          });
          let reopened: Awaited<ReturnType<typeof reopen>> | null = null;
          try {
            const start = recordsOf(nb.core.session().store);
            for (const [i, o] of ops.entries()) {
              await runner.run(o);
              if ((i + 1) % CHECK_EVERY === 0) await everything(nb, fold, `after operation ${i + 1}`);
            }
            await everything(nb, fold, 'at the end');
            const end = recordsOf(nb.core.session().store);

            const steps = await undoAll(nb, runner);
            expect(recordsOf(nb.core.session().store), 'records after undoing everything').toEqual(start);
            await everything(nb, fold, 'after undoing everything');

            // Only what was undone: the session may have ended with steps of its own left to redo.
            for (let i = 0; i < steps; i++) await runner.run({ kind: 'redo' });
            expect(recordsOf(nb.core.session().store), 'records after redoing everything').toEqual(end);
            await everything(nb, fold, 'after redoing everything');

            reopened = await reopen(nb);
            expect(recordsOf(reopened.core.session().store), 'records after opening again').toEqual(end);
            await everything(reopened, null, 'opened again');
          } catch (e) {
            if (e instanceof Error) e.message += `\nOperations run:\n${runner.trace()}`;
            throw e;
          } finally {
            if (process.env.QUIRE_PROPERTY_LOG) {
              console.log(`${ops.length} operations, ${runner.log.length} steps: ${Date.now() - started} ms`);
            }
            await reopened?.close();
            await nb.core.close().catch(() => undefined);
            await rm(nb.root, { recursive: true, force: true });
          }
        }),
        {
          numRuns: RUNS,
          // Shrinking a long session takes seconds per attempt: report the smallest found by then.
          interruptAfterTimeLimit: 5 * 60_000,
          // To replay a failure: QUIRE_PROPERTY_SEED and QUIRE_PROPERTY_PATH from fast-check's report.
          ...(process.env.QUIRE_PROPERTY_SEED ? { seed: Number(process.env.QUIRE_PROPERTY_SEED) } : {}),
          ...(process.env.QUIRE_PROPERTY_PATH ? { path: process.env.QUIRE_PROPERTY_PATH } : {}),
          // The first failure as found, without shrinking (a long session can take minutes to shrink).
          ...(process.env.QUIRE_PROPERTY_NO_SHRINK ? { endOnFailure: true } : {}),
        },
      );
    },
    10 * 60_000,
  );
});
