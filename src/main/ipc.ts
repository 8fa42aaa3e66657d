import { ipcMain, type WebContents } from 'electron';
import type { ApiHandlers } from './core/api-contract';
import { registerApi } from './ipc-handler';

/**
 * Registers every API method through ONE wrapper (ipc-handler.ts): check the sender is one of our windows
 * showing our own renderer, then dispatch (parse + call + envelope).
 */
export function registerIpc(
  api: ApiHandlers,
  isTrustedSender: (sender: WebContents, frameUrl: string) => boolean,
): void {
  registerApi(ipcMain, api, isTrustedSender);
}
