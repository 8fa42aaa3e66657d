import type { ApiHandlers } from './api-contract';
import type { Core } from './app/core';
import { notebookHandlers } from './handlers/notebook';
import { articleHandlers } from './handlers/articles';
import { articleEditHandlers } from './handlers/article-edits';
import { searchHandlers } from './handlers/search';
import { tagHandlers } from './handlers/tags';
import { noteHandlers } from './handlers/notes';
import { exportHandlers } from './handlers/export';

/** Every operation of the contract, implemented once over the core; the transports call these via dispatch(). */
export function createApi(core: Core): ApiHandlers {
  return {
    ...notebookHandlers(core),
    ...articleHandlers(core),
    ...articleEditHandlers(core),
    ...searchHandlers(core),
    ...tagHandlers(core),
    ...noteHandlers(core),
    ...exportHandlers(core),
  } satisfies ApiHandlers;
}
