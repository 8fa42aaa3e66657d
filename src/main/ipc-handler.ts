// The desktop wrapper, without Electron: every API method behind one sender check and `dispatch` (parse, call,
// envelope). ipc.ts hands Electron's ipcMain to `registerApi`; tests hand it an in-memory transport.
import { apiMethods, type ApiHandlers, type ApiMethod, type ApiResult } from './core/api-contract';
import { dispatch } from './core/dispatch';
import { API_CHANNEL_PREFIX } from './channels';

/** What the wrapper reads of an invoke event (Electron's IpcMainInvokeEvent has both). */
export interface InvokeEvent<Sender> {
  sender: Sender;
  /** The frame that sent the request; null once it navigated away or was destroyed. */
  senderFrame: { url: string } | null | undefined;
}

/** Decides whether a request comes from one of our windows showing our own renderer page. */
export type SenderCheck<Sender> = (sender: Sender, frameUrl: string) => boolean;

/** The part of Electron's ipcMain the wrapper needs. */
export interface MainIpc<Sender> {
  handle(
    channel: string,
    listener: (event: InvokeEvent<Sender>, input: unknown) => Promise<ApiResult<unknown>>,
  ): void;
}

const forbidden: ApiResult<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from a Quire window.' },
};

/** The handler of one method's channel: refuse foreign senders, else dispatch. Never throws. */
export function handleInvoke<Sender>(
  api: ApiHandlers,
  isTrustedSender: SenderCheck<Sender>,
  method: ApiMethod,
) {
  return async (event: InvokeEvent<Sender>, input: unknown): Promise<ApiResult<unknown>> => {
    let trusted: boolean;
    try {
      trusted = isTrustedSender(event.sender, event.senderFrame?.url ?? '');
    } catch {
      // A window torn down mid-request cannot be checked: treat it as foreign.
      trusted = false;
    }
    if (!trusted) return forbidden;
    return dispatch(api, method, input);
  };
}

/** Registers every API method on its channel (`quire:<method>`) through the one wrapper. */
export function registerApi<Sender>(
  ipc: MainIpc<Sender>,
  api: ApiHandlers,
  isTrustedSender: SenderCheck<Sender>,
): void {
  for (const method of apiMethods)
    ipc.handle(API_CHANNEL_PREFIX + method, handleInvoke(api, isTrustedSender, method));
}
