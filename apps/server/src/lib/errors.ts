import { ErrorCode } from '@igniflo/contract';

/** The one error type the services throw; the error handler turns it into the SPEC §5 error shape. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown[],
    /** Response headers that belong to this error, such as retry-after. */
    readonly headers?: Record<string, string>,
  ) {
    // An answer to the client, not a fault: its stack is never logged, and capturing one was 3 %
    // of the CPU of a load of orders refused as sold out. A server error keeps its stack.
    const stackTraceLimit = Error.stackTraceLimit;
    if (statusCode < 500) Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
  }
}

export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(ErrorCode.RATE_LIMITED, 429, message, undefined, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, 404, `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError(ErrorCode.FORBIDDEN, 403, message);
export const unauthenticated = (message = 'Authentication required') =>
  new AppError(ErrorCode.UNAUTHENTICATED, 401, message);
/** A change that needs proof of the account (current password or a fresh code), SPEC §10. */
export const reauthRequired = (message: string) => new AppError(ErrorCode.REAUTH_REQUIRED, 401, message);
export const conflict = (message: string, details?: unknown[]) =>
  new AppError(ErrorCode.CONFLICT, 409, message, details);
export const invalid = (message: string, details?: unknown[]) =>
  new AppError(ErrorCode.VALIDATION_ERROR, 400, message, details);
