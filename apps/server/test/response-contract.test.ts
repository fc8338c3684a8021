/** The check every HTTP test runs under (context.ts) catches what it is there to catch. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ResponseContract } from './response-contract.ts';
import { createTestContext, type TestContext } from './context.ts';

describe('holding responses to the OpenAPI document', () => {
  let ctx: TestContext;
  let contract: ResponseContract;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    await ctx.app.server.ready();
    contract = new ResponseContract(() => ctx.app.server.swagger());
  });
  afterAll(() => ctx.close());

  const request = (method: string, url: string) => ({ method, routeOptions: { url } }) as FastifyRequest;
  const reply = (statusCode: number, contentType = 'application/json; charset=utf-8') =>
    ({ statusCode, getHeader: () => contentType }) as unknown as FastifyReply;

  it('passes a documented answer and names each one that is not', () => {
    contract.observe(request('GET', '/api/v1/products'), reply(200), '{"items":[],"nextCursor":null}');
    expect(contract.violations).toEqual([]);

    contract.observe(request('GET', '/api/v1/products'), reply(418), '{}');
    contract.observe(request('GET', '/api/v1/products'), reply(200), '{"items":5}');
    contract.observe(request('GET', '/api/v1/products'), reply(200, 'text/html'), '<p>hi</p>');
    expect(contract.violations).toEqual([
      'GET /api/v1/products answered 418, which the document does not list',
      expect.stringMatching(/^GET \/api\/v1\/products 200: the body does not match the document/),
      expect.stringMatching(/^GET \/api\/v1\/products 200: text\/html is not among application\/json/),
    ]);
    expect(() => contract.assertKept()).toThrow(/Responses outside the OpenAPI document/);
  });
});
