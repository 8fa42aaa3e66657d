import type { ApiMethod, ApiOutputs, ApiParsedInput } from '../api-contract';
import type { Core } from '../app/core';

/** A handler is a plain function of the core and the method's already-validated input. */
export type Handler<M extends ApiMethod> = (core: Core, input: ApiParsedInput<M>) => Promise<ApiOutputs[M]>;

/** A group of handlers for some methods of the contract (checked with `satisfies`). */
export type Handlers<Ms extends ApiMethod> = { [M in Ms]: Handler<M> };
