import type { z } from 'zod';
import {
  apiSchemas,
  type ApiHandlers,
  type ApiMethod,
  type ApiOutputs,
  type ApiResult,
} from './api-contract';
import { QuireError, toApiError } from './errors';

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiSchemas, name);
}

/**
 * The one wrapper every transport goes through: parse the untrusted input with the method's schema,
 * call the handler, and answer with an envelope. Thrown errors never cross a transport: Electron's IPC
 * would strip their message, and HTTP would turn them into opaque 500s.
 */
export async function dispatch<M extends ApiMethod>(
  handlers: ApiHandlers,
  method: M,
  rawInput: unknown,
): Promise<ApiResult<ApiOutputs[M]>> {
  try {
    const schema: z.ZodType = apiSchemas[method];
    const parsed = schema.safeParse(rawInput ?? {});
    if (!parsed.success) throw new QuireError('BAD_INPUT', describeIssues(method, parsed.error.issues));
    const handler = handlers[method] as (input: unknown) => Promise<ApiOutputs[M]>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    return { ok: false, error: toApiError(e) };
  }
}

function describeIssues(method: string, issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((i) => {
    const where = i.path.length ? `${i.path.join('.')}: ` : '';
    return `${where}${i.message}`;
  });
  return `Quire could not understand this request (${method}): ${parts.join('; ')}.`;
}
