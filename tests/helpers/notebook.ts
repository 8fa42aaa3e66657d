import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServices, type Services } from '../../src/main/core/app/create';
import type { ApiInput, ApiMethod, ApiOutputs } from '../../src/main/core/api-contract';
import { dispatch } from '../../src/main/core/dispatch';
import type { Extractor } from '../../src/main/core/import/extract-pool';
import { sequentialIds } from '../../src/main/core/ids';

export const sharedDir = resolve(import.meta.dirname, '../../../shared');
export const seedsDir = join(sharedDir, 'corpus', 'seeds');
export const seedFiles = {
  ties: join(seedsDir, '000_07f86e086a543867.txt'),
  visit: join(seedsDir, '003_0bc413b256a4f06c.txt'),
};

export async function tempDir(prefix = 'quire-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export interface TestNotebook extends Services {
  dir: string;
  root: string;
  /** Calls the API exactly as a transport does, unwrapping the envelope (throws with the error code). */
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  cleanup(): Promise<void>;
}

/** A real notebook in a temp folder, opened through the same services the app uses, with a fixed clock. */
export async function openTestNotebook(options: { extractor?: Extractor } = {}): Promise<TestNotebook> {
  const root = await tempDir();
  const dir = join(root, 'notebook');
  let tick = Date.parse('2026-11-22T10:00:00Z');
  const services = createServices({
    appVersion: '0.0.0-test',
    userDataDir: join(root, 'user-data'),
    ids: sequentialIds(),
    clock: () => new Date((tick += 1000)),
    ...options,
  });
  await services.core.open(dir, { create: true });
  return {
    ...services,
    dir,
    root,
    async call(method, input) {
      const result = await dispatch(services.api, method, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
      return result.value;
    },
    async cleanup() {
      await services.core.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
