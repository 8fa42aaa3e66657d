import type { Handlers } from './handler';

export const historyHandlers = {
  undo: async (core) => core.writable().undo(),
  redo: async (core) => core.writable().redo(),
  undoState: async (core) => core.session().undoState(),
} satisfies Handlers<'undo' | 'redo' | 'undoState'>;
