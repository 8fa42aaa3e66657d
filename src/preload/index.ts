// Sandboxed preload (CommonJS): exposes exactly the typed contract (bridge.ts), never raw ipcRenderer.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'quire',
  createBridge(ipcRenderer, (file) => webUtils.getPathForFile(file), process.platform),
);
