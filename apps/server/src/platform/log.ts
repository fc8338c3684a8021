/**
 * How the server logs: pino's JSON lines for collectors, or the same records made readable by
 * pino-pretty for a person at a terminal (LOG_FORMAT); one line per request, when it is answered.
 */
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { createRequire } from 'node:module';
import type { Config } from './config.ts';

/** A URL as logged: without its query string, where stream tickets travel (EventSource sends no headers). */
export const pathOf = (url: string): string => {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
};

/** Probes call these every few seconds; their successes at info would bury every other line. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** The one line of a request: method, path, status and time, with the request id the logger adds. */
export function logResponse(request: FastifyRequest, reply: FastifyReply, error?: Error | null): void {
  const path = pathOf(request.url);
  const responseTime = Math.round(reply.elapsedTime * 10) / 10;
  const fields = { req: request, res: reply, responseTime };
  const line = `${request.method} ${path} ${reply.statusCode} ${responseTime} ms`;
  if (error) reply.log.error({ ...fields, err: error }, line);
  else if (reply.statusCode < 400 && PROBES.has(path)) reply.log.debug(fields, line);
  else reply.log.info(fields, line);
}

/**
 * Fastify's built-in request lines are two per request (incoming, completed), carry the query
 * string and put probes at info. This writes one line when the response is finished.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (!this.isLogDisabled(request)) logResponse(request, reply, error);
  }
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFormat'>): LoggerOptions {
  return {
    level: config.logLevel,
    serializers: {
      req: (request) => ({ method: request.method, url: pathOf(request.url), remoteAddress: request.ip }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["idempotency-key"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.refreshToken',
        '*.accessToken',
      ],
      censor: '[redacted]',
    },
    ...(config.logFormat === 'pretty' ? { stream: prettyStream() } : {}),
  };
}

/**
 * Each record formatted and written in the logging call itself (not in a transport's worker), so
 * nothing is left unwritten when the process exits, and the start banner follows the lines before it.
 */
function prettyStream() {
  // Required here, not imported: a server logging JSON never loads it.
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  const prettify = prettyFactory({
    translateTime: 'SYS:HH:MM:ss.l',
    // The request line's message already says what req, res and responseTime hold.
    ignore: 'pid,hostname,reqId,req,res,responseTime',
    messageFormat: '{msg}{if reqId} [{reqId}]{end}',
  });
  return { write: (line: string) => void process.stdout.write(prettify(line)) };
}
