// The object the preload exposes as `window.quire`, built from the few ipcRenderer calls it needs, so it can be
// built over an in-memory transport in tests. Exactly the typed contract: never raw ipcRenderer.
import {
  apiMethods,
  type QuireBridge,
  type QuireEvents,
  type QuireTransport,
} from '../main/core/api-contract';
import { API_CHANNEL_PREFIX, DESKTOP_CHANNELS, EVENT_CHANNEL } from '../main/channels';

type EventListener = (event: unknown, ...args: unknown[]) => void;

/** The part of Electron's ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke<T>(channel: string, ...args: unknown[]): Promise<T>;
  on(channel: string, listener: EventListener): unknown;
  removeListener(channel: string, listener: EventListener): unknown;
}

export function createBridge(
  ipc: RendererIpc,
  pathForFile: (file: File) => string,
  platform: string,
): QuireBridge {
  const api = Object.fromEntries(
    apiMethods.map((method) => [
      method,
      (input: unknown) => ipc.invoke(API_CHANNEL_PREFIX + method, input ?? {}),
    ]),
  ) as QuireTransport;
  return {
    api,
    on(name, listener) {
      const handler: EventListener = (_event, eventName, payload) => {
        if (eventName === name) listener(payload as QuireEvents[typeof name]);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => void ipc.removeListener(EVENT_CHANNEL, handler);
    },
    desktop: {
      pickImportPaths: (kind) => ipc.invoke(DESKTOP_CHANNELS.pickImportPaths, kind),
      pickFolder: (purpose) => ipc.invoke(DESKTOP_CHANNELS.pickFolder, purpose),
      pickSaveFile: (defaultName, extension) =>
        ipc.invoke(DESKTOP_CHANNELS.pickSaveFile, defaultName, extension),
      pickOpenFile: (title, extensions) => ipc.invoke(DESKTOP_CHANNELS.pickOpenFile, title, extensions),
      pathForFile,
      openExternal: (url) => ipc.invoke(DESKTOP_CHANNELS.openExternal, url),
      platform,
    },
  };
}
