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
  responses: Record<string, unknown>;
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
});
