import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, type ErrorResponse } from '@igniflo/contract';
import { isDatabaseUnavailable } from '../db/database.ts';
import { AppError } from '../../lib/errors.ts';

const BY_STATUS: Record<number, ErrorCode> = {
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
};

function send(request: FastifyRequest, reply: FastifyReply, status: number, error: ErrorResponse['error']) {
  const body: ErrorResponse = { error, requestId: request.id };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * The client hung up before its request was complete (a cancelled upload, for one): reading the
 * body failed with ECONNRESET or a premature end, which is no fault of the server or the database.
 */
const clientHungUp = (request: FastifyRequest) => request.raw.readableAborted && !request.raw.complete;

/**
 * The router's own refusals, before any route runs (Fastify's `frameworkErrors`): in the one error
 * shape with the request id, like every other error.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  // No hook runs for these requests, the one that names the request id included.
  void reply.header('x-request-id', request.id);
  void send(request, reply, tooLong ? 414 : 400, {
    code: ErrorCode.BAD_REQUEST,
    message: tooLong
      ? 'A part of the address is longer than any id or number here'
      : 'The address is not valid: it has a malformed percent-encoding',
  });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (clientHungUp(request)) {
      request.log.info(
        { reason: error.message },
        'client closed the connection before the request was complete',
      );
      return send(request, reply, 400, {
        code: ErrorCode.BAD_REQUEST,
        message: 'The request ended before its body was complete',
      });
    }
    if (error instanceof AppError) {
      const { code, message, details } = error;
      if (error.headers) void reply.headers(error.headers);
      return send(request, reply, error.statusCode, details ? { code, message, details } : { code, message });
    }
    if (error.validation) {
      const details = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath}`,
        message: v.message ?? 'is invalid',
        ...(v.params && Object.keys(v.params).length > 0 ? { params: v.params } : {}),
      }));
      return send(request, reply, 400, {
        code: ErrorCode.VALIDATION_ERROR,
        message: `Invalid ${error.validationContext ?? 'request'}: ${details[0]?.path} ${details[0]?.message}`,
        details,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(request, reply, status, {
        code: BY_STATUS[status] ?? ErrorCode.BAD_REQUEST,
        message: error.message,
      });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return send(request, reply, 503, {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'The service is temporarily unavailable; retry shortly',
      });
    }
    request.log.error({ err: error }, 'request failed');
    return send(request, reply, 500, { code: ErrorCode.INTERNAL, message: 'Internal server error' });
  });

  app.setNotFoundHandler((request, reply) =>
    send(request, reply, 404, {
      code: ErrorCode.NOT_FOUND,
      message: `Route ${request.method} ${request.url.split('?')[0]} not found`,
    }),
  );
}
