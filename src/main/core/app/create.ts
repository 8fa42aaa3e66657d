import type { ApiHandlers } from '../api-contract';
import { createApi } from '../api';
import { randomIds, systemClock, type Clock, type IdGenerator } from '../ids';
import { inProcessExtractor, type Extractor } from '../import/extract-pool';
import { Core } from './core';
import { EventHub } from './events';

export interface Services {
  core: Core;
  api: ApiHandlers;
  events: EventHub;
}

/** The hand-written composition root shared by the desktop app, browser mode, the CLI and tests. */
export function createServices(options: {
  appVersion: string;
  userDataDir: string;
  ids?: IdGenerator;
  clock?: Clock;
  /** Defaults to extracting on the calling thread; the CLI and the app pass a worker pool. */
  extractor?: Extractor;
  /** Defaults to rebuilding the search index on the calling thread; the CLI and the app pass a worker script. */
  rebuildWorker?: URL | null;
}): Services {
  const events = new EventHub();
  const core = new Core({
    appVersion: options.appVersion,
    userDataDir: options.userDataDir,
    ids: options.ids ?? randomIds,
    clock: options.clock ?? systemClock,
    emit: events.emit,
    extractor: options.extractor ?? inProcessExtractor,
    rebuildWorker: options.rebuildWorker ?? null,
  });
  return { core, api: createApi(core), events };
}
