// The desktop edge without an Electron binary, tested the way VS Code tests its IPC: the main-process wrapper
// (ipc-handler.ts) and the preload's bridge (preload/bridge.ts) talk over an in-memory transport that behaves like
// Electron's — one handler per channel, arguments and answers structured-cloned, the sender and its frame on every
// request — to a real notebook.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiMethods, type ApiResult, type QuireBridge } from '../../src/main/core/api-contract';
import { API_CHANNEL_PREFIX, EVENT_CHANNEL } from '../../src/main/channels';
import { registerApi, type InvokeEvent, type MainIpc } from '../../src/main/ipc-handler';
import { createBridge, type RendererIpc } from '../../src/preload/bridge';
import { openTestNotebook, type TestNotebook } from '../helpers/notebook';

/** A window as the sender check sees it. */
interface FakeWindow {
  ours: boolean;
}

const OWN_PAGE = 'file:///opt/quire/out/renderer/index.html';

type Handler = (event: InvokeEvent<FakeWindow>, input: unknown) => Promise<ApiResult<unknown>>;
type Listener = (event: unknown, ...args: unknown[]) => void;

/** ipcMain and ipcRenderer joined in memory: what crosses is cloned, as Electron's structured clone does. */
class InMemoryTransport {
  readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Channels the renderer side invoked, in order. */
  readonly invoked: string[] = [];

  readonly main: MainIpc<FakeWindow> = {
    handle: (channel, listener) => {
      // Electron throws on a second handler for a channel: so does this transport.
      if (this.handlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, listener);
    },
  };

  /** The renderer side of one window whose current page is `frameUrl` (null: the frame is gone). */
  renderer(window: FakeWindow, frameUrl: string | null): RendererIpc {
    return {
      invoke: async <T>(channel: string, ...args: unknown[]): Promise<T> => {
        this.invoked.push(channel);
        const handler = this.handlers.get(channel);
        if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
        const event = { sender: window, senderFrame: frameUrl === null ? null : { url: frameUrl } };
        const answer = await handler(event, structuredClone(args[0]));
        return structuredClone(answer) as T;
      },
      on: (channel, listener) => {
        let set = this.listeners.get(channel);
        if (!set) this.listeners.set(channel, (set = new Set()));
        set.add(listener);
      },
      removeListener: (channel, listener) => this.listeners.get(channel)?.delete(listener),
    };
  }

  /** webContents.send from the main process. */
  send(channel: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({}, ...structuredClone(args));
  }
}

const trusted = (sender: FakeWindow, frameUrl: string) => sender.ours && frameUrl === OWN_PAGE;
const noFiles = () => '';

describe('desktop IPC over an in-memory transport', () => {
  let nb: TestNotebook;
  let transport: InMemoryTransport;
  let quire: QuireBridge;
  beforeEach(async () => {
    nb = await openTestNotebook();
    transport = new InMemoryTransport();
    registerApi(transport.main, nb.api, trusted);
    // What index.ts does: every core event goes to every window on one channel.
    nb.events.subscribe((name, payload) => transport.send(EVENT_CHANNEL, name, payload));
    quire = createBridge(transport.renderer({ ours: true }, OWN_PAGE), noFiles, 'linux');
  });
  afterEach(() => nb.cleanup());

  it('registers one channel per contract method, and the preload maps every method onto its channel', async () => {
    expect([...transport.handlers.keys()].sort()).toEqual(
      apiMethods.map((m) => API_CHANNEL_PREFIX + m).sort(),
    );
    expect(Object.keys(quire.api).sort()).toEqual([...apiMethods].sort());
    for (const method of apiMethods) {
      // Whatever the input, every method answers with an envelope: nothing is left unregistered or throws.
      const result = await (quire.api[method] as (input: unknown) => Promise<ApiResult<unknown>>)({});
      expect(typeof result.ok, method).toBe('boolean');
    }
    expect(transport.invoked).toEqual(apiMethods.map((m) => API_CHANNEL_PREFIX + m));
  });

  it('answers a call from our window with the value in an envelope', async () => {
    const created = await quire.api.tagCreate({ name: 'arms-trade' });
    expect(created).toMatchObject({
      ok: true,
      value: { name: 'arms-trade', color: expect.stringMatching(/^#/) },
    });
    expect(await quire.api.tagList({})).toMatchObject({
      ok: true,
      value: [{ name: 'arms-trade', count: 0 }],
    });
  });

  it('refuses malformed input with BAD_INPUT and a sentence, and stores nothing', async () => {
    const result = await quire.api.tagCreate({ name: '   ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (!result.ok) expect(result.error.message).toMatch(/could not understand this request \(tagCreate\)/);
    const typed = await (quire.api.noteCreate as (input: unknown) => Promise<ApiResult<unknown>>)({
      title: 42,
    });
    expect(typed).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await quire.api.tagList({})).toEqual({ ok: true, value: [] });
  });

  it('carries domain errors across with their code and message (a thrown error would lose the message)', async () => {
    expect(await quire.api.articleGet({ id: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/No article with id nope/) },
    });
    await quire.api.tagCreate({ name: 'arms' });
    expect(await quire.api.tagCreate({ name: 'Arms' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'A tag named “Arms” already exists.' },
    });
    expect(await quire.api.undo({})).toMatchObject({ ok: true, value: { label: 'Create tag “arms”' } });
    expect(await quire.api.undo({})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is nothing to undo.' },
    });
  });

  it.each([
    ['another window (not ours)', { ours: false }, OWN_PAGE],
    ['our window showing a foreign page', { ours: true }, 'https://evil.example/index.html'],
    ['our window showing a local file that is not our page', { ours: true }, 'file:///tmp/index.html'],
    ['a frame that is gone', { ours: true }, null],
  ] as const)('refuses %s with FORBIDDEN before running anything', async (_what, window, url) => {
    const stranger = createBridge(transport.renderer(window, url), noFiles, 'linux');
    expect(await stranger.api.tagCreate({ name: 'planted' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'This request did not come from a Quire window.' },
    });
    expect(await stranger.api.notebookInfo({})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await quire.api.tagList({})).toEqual({ ok: true, value: [] });
  });

  it('treats a sender that cannot be checked (a window torn down mid-request) as foreign', async () => {
    const fresh = new InMemoryTransport();
    registerApi(fresh.main, nb.api, () => {
      throw new TypeError('Object has been destroyed');
    });
    const gone = createBridge(fresh.renderer({ ours: true }, OWN_PAGE), noFiles, 'linux');
    expect(await gone.api.tagCreate({ name: 'planted' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await quire.api.tagList({})).toEqual({ ok: true, value: [] });
  });

  it('delivers one committed event per change to the preload’s listeners, until they unsubscribe', async () => {
    const seqs: number[] = [];
    const labels: string[] = [];
    const off = quire.on('committed', (e) => {
      seqs.push(e.seq);
      labels.push(e.label);
    });
    const notebooks: string[] = [];
    quire.on('notebook', (info) => notebooks.push(info.name));
    await quire.api.tagCreate({ name: 'arms' });
    await quire.api.noteCreate({ title: 'Alpha', body: '' });
    off();
    await quire.api.tagCreate({ name: 'trade' });
    expect(labels).toEqual(['Create tag “arms”', 'Create note “Alpha”']);
    expect(seqs[1]).toBe((seqs[0] ?? 0) + 1);
    expect(notebooks).toEqual([]);
  });
});
