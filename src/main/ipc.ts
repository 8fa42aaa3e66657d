import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { apiMethods, type ApiHandlers, type ApiResult } from './core/api-contract';
import { dispatch } from './core/dispatch';
import { API_CHANNEL_PREFIX } from './channels';

/**
 * Registers every API method through ONE wrapper: check the sender is one of our windows showing our
 * own renderer, then dispatch (parse + call + envelope).
 */
export function registerIpc(
  api: ApiHandlers,
  isTrustedSender: (sender: WebContents, frameUrl: string) => boolean,
): void {
  for (const method of apiMethods) {
    ipcMain.handle(
      API_CHANNEL_PREFIX + method,
      async (event: IpcMainInvokeEvent, input: unknown): Promise<ApiResult<unknown>> => {
        if (!isTrustedSender(event.sender, event.senderFrame?.url ?? '')) {
          return {
            ok: false,
            error: { code: 'FORBIDDEN', message: 'This request did not come from a Quire window.' },
          };
        }
        return dispatch(api, method, input);
      },
    );
  }
}
