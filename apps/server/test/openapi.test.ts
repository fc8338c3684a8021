/** The OpenAPI document, linted with Spectral's OpenAPI ruleset as a third-party tool would. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import spectralCore from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { createTestContext, type TestContext } from './context.ts';

const { Document, Spectral } = spectralCore;

interface Operation {
  operationId?: string;
  description?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { required?: string[] } }> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
}
type Paths = Record<string, Record<string, Operation>>;

describe('the OpenAPI document', () => {
  let ctx: TestContext;
  let text: string;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    text = (await ctx.inject({ method: 'GET', url: '/openapi.json' })).body;
  });
  afterAll(() => ctx.close());

  it("passes Spectral's spectral:oas ruleset with no errors and no warnings", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas, 'recommended']] } as never);
    const results = await spectral.run(new Document(text, spectralParsers.Json, 'openapi.json'));
    const problems = results
      // 0 is an error, 1 a warning (hints and information are not counted).
      .filter((r) => Number(r.severity) <= 1)
      .map((r) => `${r.code} ${r.path.join('.')}: ${r.message}`);
    expect(problems).toEqual([]);
  });

  it('documents the errors of every operation in the one error shape, and who may call it', () => {
    const paths = (JSON.parse(text) as { paths: Paths }).paths;
    const missing: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const name = `${method.toUpperCase()} ${path}`;
        const errors = Object.keys(op.responses).filter((status) => /^[45]/.test(status));
        if (!errors.includes('500')) missing.push(`${name}: no 500`);
        if (/\{/.test(path) && !errors.includes('404')) missing.push(`${name}: no 404`);
        if (!/Who may call it:/.test(op.description ?? '')) missing.push(`${name}: no roles`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describes uploads, stream tickets, event streams, downloads and the response headers', () => {
    const paths = (JSON.parse(text) as { paths: Paths }).paths;
    const upload = paths['/api/v1/orders/{id}/media']!.post!;
    expect(upload.requestBody?.content['multipart/form-data']?.schema.required).toEqual(['file']);
    const events = paths['/api/v1/events']!.get!;
    expect(events.security).toContainEqual({ streamTicket: [] });
    expect(Object.keys(events.responses['200']!.content ?? {})).toEqual(['text/event-stream']);
    expect(Object.keys(paths['/api/v1/media/{id}']!.get!.responses['200']!.content ?? {})).toContain(
      'image/png',
    );
    const place = paths['/api/v1/orders']!.post!;
    expect(Object.keys(place.responses['201']!.headers ?? {})).toEqual(
      expect.arrayContaining(['X-Request-Id', 'X-RateLimit-Remaining', 'Idempotent-Replayed']),
    );
    expect(Object.keys(place.responses['429']!.headers ?? {})).toContain('Retry-After');
    // A stream is not rate limited, so its answers carry no rate-limit headers.
    expect(Object.keys(events.responses['200']!.headers ?? {})).toEqual(['X-Request-Id']);
  });
});
