import type { Handlers } from './handler';

export const notebookHandlers = {
  notebookInfo: async (core) => core.info(),
  notebookOpen: async (core, { path, create }) => core.open(path, { create }),
  notebookRecent: async (core) => core.recent.list(),
  notebookAcknowledge: async (core, { ids }) => core.acknowledge(ids),
} satisfies Handlers<'notebookInfo' | 'notebookOpen' | 'notebookRecent' | 'notebookAcknowledge'>;
