/**
 * JSON bodies are validated strictly: no type coercion ("2" is not a quantity). Query strings and
 * path parameters arrive as text, so they are coerced. Unknown fields are refused, not dropped,
 * wherever a schema says additionalProperties: false, as the OpenAPI document promises: a PATCH of
 * `{"totalCents": 1}` is a 400, not an empty change. NUL characters are refused everywhere:
 * PostgreSQL cannot store them in text, and no legitimate input has one.
 */
import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { invalid } from '../../lib/errors.ts';
import type { SchemaCompilers } from './schema-compilers.ts';

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ useDefaults: true, allErrors: false, ...options });
  addFormats.default(ajv);
  return ajv;
}

const hasNul = (value: unknown): boolean =>
  typeof value === 'string'
    ? value.includes('\u0000')
    : Array.isArray(value)
      ? value.some(hasNul)
      : typeof value === 'object' && value !== null && Object.values(value).some(hasNul);

export function installValidators(app: FastifyInstance, compilers: SchemaCompilers): void {
  const body = makeAjv({ coerceTypes: false });
  const text = makeAjv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) =>
    compilers.validator(() => (httpPart === 'body' ? body.compile(schema) : text.compile(schema))),
  );

  // Fastify's own JSON parser (with its prototype-poisoning guard), plus the NUL check.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const text = typeof raw === 'string' ? raw : raw.toString('utf8');
    if (/\\u0000/i.test(text)) {
      done(invalid('Text may not contain NUL characters'), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
  app.addHook('preValidation', async (request) => {
    if (hasNul(request.query) || hasNul(request.params)) throw invalid('Text may not contain NUL characters');
  });
}
