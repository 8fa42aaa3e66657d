// Sandboxed preload (CommonJS): exposes exactly the typed contract, never raw ipcRenderer.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  apiMethods,
  type QuireBridge,
  type QuireEvents,
  type QuireTransport,
} from '../main/core/api-contract';
import { API_CHANNEL_PREFIX, DESKTOP_CHANNELS, EVENT_CHANNEL } from '../main/channels';

const api = Object.fromEntries(
  apiMethods.map((method) => [
    method,
    (input: unknown) => ipcRenderer.invoke(API_CHANNEL_PREFIX + method, input ?? {}),
  ]),
) as QuireTransport;

const bridge = {
  api,
  on(name, listener) {
    const handler = (_event: Electron.IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload as QuireEvents[typeof name]);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
  desktop: {
    pickImportPaths: (kind) => ipcRenderer.invoke(DESKTOP_CHANNELS.pickImportPaths, kind),
    pickFolder: (purpose) => ipcRenderer.invoke(DESKTOP_CHANNELS.pickFolder, purpose),
    pathForFile: (file) => webUtils.getPathForFile(file),
    openExternal: (url) => ipcRenderer.invoke(DESKTOP_CHANNELS.openExternal, url),
    platform: process.platform,
  },
} satisfies QuireBridge;

contextBridge.exposeInMainWorld('quire', bridge);
