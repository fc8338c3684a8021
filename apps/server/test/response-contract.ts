/**
 * Every response the HTTP tests receive, checked against the OpenAPI document the server publishes:
 * its status must be documented for the operation, its content type among the documented ones, and
 * a JSON body must match the documented schema. Violations are collected while the tests run and
 * fail the file when its context closes, naming each one.
 */
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { FastifyReply, FastifyRequest } from 'fastify';

interface MediaType {
  schema?: object;
}
interface Response {
  content?: Record<string, MediaType>;
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
  components?: object;
}

/** `#/components/…` made absolute, and `$id`s dropped, so any part of the document compiles alone. */
function absolute(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absolute);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === '$id') continue;
    out[key] =
      key === '$ref' && typeof inner === 'string' && inner.startsWith('#/')
        ? `openapi.json${inner}`
        : absolute(inner);
  }
  return out;
}

/** `/api/v1/orders/:id` → `/api/v1/orders/{id}`, as the document names paths. */
const documentPath = (routeUrl: string) => routeUrl.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export class ResponseContract {
  readonly violations: string[] = [];
  #document: Document | undefined;
  #ajv = new Ajv({ strict: false, allErrors: false });
  #validators = new Map<string, ValidateFunction>();

  constructor(private readonly loadDocument: () => unknown) {
    addFormats.default(this.#ajv);
  }

  /** An onSend hook's view of a response; it never changes the response. */
  observe = (request: FastifyRequest, reply: FastifyReply, payload: unknown): void => {
    const url = request.routeOptions.url;
    // Refused before any route matched (unknown path, bad URL): no operation to hold it to.
    if (url === undefined || request.routeOptions.schema?.hide) return;
    try {
      this.#check(request.method, url, reply, payload);
    } catch (error) {
      this.violations.push(`${request.method} ${url}: ${(error as Error).message}`);
    }
  };

  #check(method: string, url: string, reply: FastifyReply, payload: unknown): void {
    this.#document ??= this.#load();
    const operation = this.#document.paths[documentPath(url)]?.[method.toLowerCase()];
    if (!operation) return; // hidden from the document (/openapi.json, /docs, the web app)
    const status = String(reply.statusCode);
    const response = operation.responses[status];
    if (!response) {
      this.violations.push(`${method} ${url} answered ${status}, which the document does not list`);
      return;
    }
    const contentType = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]!
      .trim();
    // HTTP sends no body with 204 or 304, whatever the handler passed on.
    const bodyless =
      payload === undefined || payload === null || payload === '' || status === '204' || status === '304';
    if (!response.content) {
      if (!bodyless) this.violations.push(`${method} ${url} ${status}: a body where none is documented`);
      return;
    }
    if (bodyless && contentType === '') return;
    const media = response.content[contentType];
    if (!media) {
      const documented = Object.keys(response.content).join(', ');
      this.violations.push(`${method} ${url} ${status}: ${contentType} is not among ${documented}`);
      return;
    }
    if (contentType !== 'application/json' || typeof payload !== 'string' || !media.schema) return;
    const key = `${method} ${url} ${status}`;
    let validate = this.#validators.get(key);
    if (!validate) {
      validate = this.#ajv.compile(absolute(media.schema) as object);
      this.#validators.set(key, validate);
    }
    if (!validate(JSON.parse(payload))) {
      const errors = this.#ajv.errorsText(validate.errors);
      this.violations.push(`${key}: the body does not match the document: ${errors}`);
    }
  }

  #load(): Document {
    const document = JSON.parse(JSON.stringify(this.loadDocument())) as Document;
    this.#ajv.addSchema({ components: absolute(document.components) }, 'openapi.json');
    return document;
  }

  /** Throws, naming each violation (once, with a count), when any response left the document. */
  assertKept(): void {
    if (this.violations.length === 0) return;
    const counts = new Map<string, number>();
    for (const v of this.violations) counts.set(v, (counts.get(v) ?? 0) + 1);
    const lines = [...counts].map(([v, n]) => (n > 1 ? `${v} (×${n})` : v));
    throw new Error(`Responses outside the OpenAPI document:\n  ${lines.join('\n  ')}`);
  }
}
