import type { ApiError, ErrorCode } from './api-contract';

/** An error a person can act on: a machine-readable code and one human sentence that says what to do. */
export class QuireError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QuireError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message };
  }
}

export function isQuireError(e: unknown): e is QuireError {
  return e instanceof QuireError;
}

/** Turns anything thrown into an ApiError without leaking stack traces to the UI. */
export function toApiError(e: unknown): ApiError {
  if (isQuireError(e)) return e.toApiError();
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  if (typeof errno === 'string') return { code: 'IO_ERROR', message: describeErrno(errno, e) };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Something went wrong inside Quire: ${message}` };
}

function describeErrno(errno: string, e: unknown): string {
  const path = (e as NodeJS.ErrnoException).path;
  const where = path ? ` (${path})` : '';
  switch (errno) {
    case 'ENOENT':
      return `File or folder not found${where}.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied${where}: check that you can read and write there.`;
    case 'ENOSPC':
      return `The disk is full${where}: free some space and try again; nothing was lost.`;
    case 'EROFS':
      return `The disk is read-only${where}.`;
    case 'EISDIR':
      return `Expected a file but found a folder${where}.`;
    default:
      return `The file system reported ${errno}${where}.`;
  }
}

/** For exhaustive switches: the compiler proves this is unreachable. */
export function missingCase(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
