import { apiMethods, type ApiHandlers, type ApiMethod } from './api-contract';
import type { Core } from './app/core';
import { articleBatchHandlers } from './handlers/article-batch';
import { articleEditHandlers } from './handlers/article-edits';
import { codebookHandlers } from './handlers/codebook';
import { articleHandlers } from './handlers/articles';
import { exchangeHandlers } from './handlers/exchange';
import { exportHandlers } from './handlers/export';
import type { Handlers } from './handlers/handler';
import { highlightHandlers } from './handlers/highlights';
import { historyHandlers } from './handlers/history';
import { importHandlers } from './handlers/import';
import { notebookHandlers } from './handlers/notebook';
import { noteLinkHandlers } from './handlers/note-links';
import { noteHandlers } from './handlers/notes';
import { searchHandlers } from './handlers/search';
import { syncHandlers } from './handlers/sync';
import { tagHandlers } from './handlers/tags';
import { trashHandlers } from './handlers/trash';

/** Every operation of the contract, each a plain function of the core and its validated input. */
export const handlers = {
  ...notebookHandlers,
  ...importHandlers,
  ...articleHandlers,
  ...articleEditHandlers,
  ...articleBatchHandlers,
  ...searchHandlers,
  ...tagHandlers,
  ...codebookHandlers,
  ...highlightHandlers,
  ...noteHandlers,
  ...noteLinkHandlers,
  ...historyHandlers,
  ...trashHandlers,
  ...exportHandlers,
  ...exchangeHandlers,
  ...syncHandlers,
} satisfies Handlers<ApiMethod>;

/** The handlers bound to one core: what the transports call through dispatch(). */
export function createApi(core: Core): ApiHandlers {
  const bound = apiMethods.map((method) => {
    const handler = handlers[method] as (core: Core, input: unknown) => Promise<unknown>;
    return [method, (input: unknown) => handler(core, input)] as const;
  });
  // `handlers` satisfies the contract method by method; binding the core keeps each method's types.
  return Object.fromEntries(bound) as ApiHandlers;
}
