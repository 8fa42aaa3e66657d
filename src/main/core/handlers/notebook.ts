import type { ApiHandlers } from '../api-contract';
import type { Core } from '../app/core';

export function notebookHandlers(
  core: Core,
): Pick<ApiHandlers, 'notebookInfo' | 'notebookOpen' | 'notebookRecent'> {
  return {
    notebookInfo: async () => core.info(),
    notebookOpen: async ({ path, create }) => core.open(path, create),
    notebookRecent: async () => core.recent.list(),
  };
}
