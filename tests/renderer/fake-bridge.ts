// `window.quire` as the preload provides it, built from the contract: every method of `apiMethods` answers with an
// envelope, every call is recorded (so a test can count them), and events are emitted by the test.
import {
  apiMethods,
  type ApiInput,
  type ApiMethod,
  type ApiOutputs,
  type ApiResult,
  type DesktopBridge,
  type ErrorCode,
  type QuireBridge,
  type QuireEventName,
  type QuireEvents,
  type QuireTransport,
} from '../../src/main/core/api-contract';

type Answer<M extends ApiMethod> = (input: ApiInput<M>) => ApiOutputs[M] | Promise<ApiOutputs[M]>;

/** Thrown by an answer: the call resolves with `{ ok: false, error: { code, message } }`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export class FakeBridge implements QuireBridge {
  readonly calls: { method: ApiMethod; input: unknown }[] = [];
  readonly api: QuireTransport;
  readonly desktop: DesktopBridge = {
    pickImportPaths: async () => [],
    pickFolder: async () => null,
    pickSaveFile: async () => null,
    pickOpenFile: async () => null,
    pathForFile: () => '',
    openExternal: async () => false,
    platform: 'linux',
  };
  private readonly answers = new Map<ApiMethod, (input: unknown) => unknown>();
  private readonly listeners = new Map<QuireEventName, Set<(payload: unknown) => void>>();

  constructor() {
    const table = Object.fromEntries(apiMethods.map((m) => [m, (input: unknown) => this.invoke(m, input)]));
    // One entry per contract method, each answering with an envelope as the preload's do.
    this.api = table as QuireTransport;
  }

  /** How `method` answers from now on (the value is cloned, as IPC would). */
  answer<M extends ApiMethod>(method: M, fn: Answer<M>): this {
    this.answers.set(method, fn as (input: unknown) => unknown);
    return this;
  }

  fail(method: ApiMethod, code: ErrorCode, message: string): this {
    this.answers.set(method, () => {
      throw new ApiFailure(code, message);
    });
    return this;
  }

  on<E extends QuireEventName>(name: E, listener: (payload: QuireEvents[E]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const l = listener as (payload: unknown) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit<E extends QuireEventName>(name: E, payload: QuireEvents[E]): void {
    for (const l of this.listeners.get(name) ?? []) l(structuredClone(payload));
  }

  /** The methods called so far, in order. */
  methods(): ApiMethod[] {
    return this.calls.map((c) => c.method);
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  private async invoke(method: ApiMethod, input: unknown): Promise<ApiResult<unknown>> {
    this.calls.push({ method, input });
    const fn = this.answers.get(method);
    if (!fn) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `The fake bridge was not told how to answer ${method}.` },
      };
    }
    try {
      return { ok: true, value: structuredClone(await fn(input)) };
    } catch (e) {
      if (e instanceof ApiFailure) return { ok: false, error: { code: e.code, message: e.message } };
      throw e;
    }
  }
}
