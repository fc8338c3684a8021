/**
 * Fastify compiles every route's schemas (validators with Ajv, response serializers with
 * fast-json-stringify) before the server listens: about a third of the time it took to start.
 * Here each one is compiled when its route first needs it, and those still waiting are compiled
 * right after the server listens, a few milliseconds at a time between requests, so neither the
 * start nor a first request waits for all of them.
 */
import type { ValidateFunction } from 'ajv';
import type { FastifyServerOptions } from 'fastify';
import fastJson, { type Options as SerializerOptions, type Schema } from 'fast-json-stringify';

/** The longest one slice of background compiling holds the event loop. */
const SLICE_MS = 5;

type BuildSerializer = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildSerializer']
>;

export class SchemaCompilers {
  readonly #waiting = new Set<() => unknown>();

  /** How many schemas no request has needed yet. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** A validator compiled on first use. Fastify reads a failed validation's `errors` from it. */
  validator(compile: () => ValidateFunction): ValidateFunction {
    const compiled = this.#defer(compile);
    const validate = ((data: unknown) => compiled.get()(data)) as ValidateFunction;
    Object.defineProperty(validate, 'errors', { get: () => compiled.peek()?.errors });
    return validate;
  }

  /** Fastify's `compilersFactory.buildSerializer`, with fast-json-stringify as Fastify uses it. */
  readonly buildSerializer: BuildSerializer = (externalSchemas, serializerOptions) => {
    const shared = (externalSchemas ?? {}) as Record<string, Schema>;
    return ({ schema }) => {
      const own = schema as Schema;
      // A shared schema serialized as a route's own must not also be one of its references.
      const id = (own as { $id?: string }).$id;
      const references = id && shared[id] ? withoutKey(shared, id) : shared;
      const options = { ...(serializerOptions as SerializerOptions), schema: references };
      const compiled = this.#defer(() => fastJson(own, options));
      return (data: unknown) => compiled.get()(data);
    };
  };

  /**
   * Compiles everything no request has needed yet, yielding to the event loop every few
   * milliseconds; resolves with how many it compiled. A schema that cannot compile rejects.
   */
  async compileWaiting(): Promise<number> {
    let count = 0;
    let since = performance.now();
    for (const compile of this.#waiting) {
      compile();
      count++;
      if (performance.now() - since >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        since = performance.now();
      }
    }
    return count;
  }

  #defer<T>(compile: () => T): { get: () => T; peek: () => T | undefined } {
    let compiled: T | undefined;
    const get = (): T => {
      if (compiled === undefined) {
        compiled = compile();
        this.#waiting.delete(get);
      }
      return compiled;
    };
    this.#waiting.add(get);
    return { get, peek: () => compiled };
  }
}

function withoutKey<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}
