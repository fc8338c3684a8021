/**
 * Queries of a fixed shape, built and compiled by Kysely once per dialect and shape and then run
 * with new values. For the statements every order and every authenticated request runs: building
 * and compiling a query costs Kysely more than SQLite then takes to run it (measured by
 * bench/src/query-cost.ts; figures in docs/performance.md).
 *
 * `build` gets stand-ins for the values and places them wherever values go; each stand-in is found
 * again among the compiled query's parameters, where the real value takes its place on every run.
 * So `build` must not look at the values, and the query may depend only on their shape: which keys
 * are set (an undefined value is left out, as Kysely leaves out such a column), which are null or
 * booleans (kept as they are, since Kysely may write them into the SQL) and how many rows. The values
 * are one object of values, or rows: an array of such objects; anything inside those (a JSON
 * document, a Date) is one value.
 */
import { createHash } from 'node:crypto';
import {
  createQueryId,
  type Compilable,
  type CompiledQuery,
  type QueryResult,
  type RootOperationNode,
} from 'kysely';
import type { Executor } from './database.ts';

/** Shapes kept per query and dialect; a query of any other shape is built as usual. */
const SHAPES_KEPT = 64;

const statementNames = new Map<string, string>();

/**
 * The name of a prepared() query's SQL, for PostgreSQL to parse and plan it once per connection
 * (a named statement) rather than on every run; undefined for any other SQL. The name is a hash of
 * the SQL, so in every process one name means one statement (a pooler that hands connections
 * between processes can at worst find a name missing, never meaning another query). Bounded by the
 * shapes prepared() keeps. A query that reads or returns `*` stays unnamed: a named statement's
 * columns are fixed when it is parsed, and PostgreSQL refuses to run it once a migration (of another
 * instance, say) has added a column. Such queries name their columns.
 */
export const statementName = (sql: string): string | undefined => statementNames.get(sql);

const statementNameOf = (sql: string) =>
  `igniflo_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;

/** Where a value sits in the values: property names and row indexes, outermost first. */
type Path = (string | number)[];

class StandIn {
  constructor(readonly path: Path) {}
}

interface Template {
  query: RootOperationNode;
  sql: string;
  /** Per parameter: the path of the value that goes there, or a constant of the query itself. */
  parameters: ({ path: Path } | { constant: unknown })[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Whether the value at `path` holds values (the values themselves, or a row) rather than being one. */
const holdsValues = (path: Path) => path.length === 0 || (path.length === 1 && typeof path[0] === 'number');

/** The values' shape as text, and stand-ins in the same shape. */
function standIns(value: unknown, path: Path): { shape: string; standIn: unknown } {
  if (path.length === 0 && Array.isArray(value)) {
    const items = value.map((item, i) => standIns(item, [...path, i]));
    return { shape: `[${items.map((i) => i.shape).join(',')}]`, standIn: items.map((i) => i.standIn) };
  }
  if (holdsValues(path) && isPlainObject(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => [key, standIns(v, [...path, key])] as const);
    return {
      shape: `{${entries.map(([key, s]) => `${key}:${s.shape}`).join(',')}}`,
      standIn: Object.fromEntries(entries.map(([key, s]) => [key, s.standIn])),
    };
  }
  // Kysely writes null and booleans after `is` into the SQL itself: they stay, as part of the shape.
  if (value === null || typeof value === 'boolean') return { shape: leafShape(value), standIn: value };
  return { shape: '', standIn: new StandIn(path) };
}

/** The shape alone, as standIns() writes it, without building stand-ins: what every run computes. */
function shapeOf(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(rowShape).join(',')}]` : rowShape(value);
}

function rowShape(value: unknown): string {
  if (!isPlainObject(value)) return leafShape(value);
  let shape = '{';
  for (const key in value) {
    const v = value[key];
    if (v === undefined) continue;
    if (shape.length > 1) shape += ',';
    shape += `${key}:${leafShape(v)}`;
  }
  return `${shape}}`;
}

const leafShape = (value: unknown) => (value === null || typeof value === 'boolean' ? String(value) : '');

/** Whether a query node selects or returns `*` anywhere (selectAll, returningAll, count(*)). */
const readsAllColumns = (node: unknown): boolean =>
  typeof node === 'object' &&
  node !== null &&
  ((node as { kind?: unknown }).kind === 'SelectAllNode' || Object.values(node).some(readsAllColumns));

function valueAt(values: unknown, path: Path): unknown {
  let value = values;
  for (const step of path) value = (value as Record<string | number, unknown>)[step];
  return value;
}

export function prepared<V, R>(
  build: (db: Executor, values: V) => Compilable<R>,
): (db: Executor, values: V) => Promise<QueryResult<R>> {
  // Per dialect (its adapter, shared by a database and its transactions), per shape.
  const templates = new WeakMap<object, Map<string, Template>>();

  function templateFor(db: Executor, values: V): Template | undefined {
    // getExecutor() is marked internal in Kysely's types; the adapter it returns is public.
    const adapter = db.getExecutor().adapter;
    let byShape = templates.get(adapter);
    if (!byShape) templates.set(adapter, (byShape = new Map<string, Template>()));
    const shape = shapeOf(values);
    let template = byShape.get(shape);
    if (!template) {
      if (byShape.size >= SHAPES_KEPT) return undefined;
      const compiled = build(db, standIns(values, []).standIn as V).compile();
      template = {
        query: compiled.query,
        sql: compiled.sql,
        parameters: compiled.parameters.map((p) =>
          p instanceof StandIn ? { path: p.path } : { constant: p },
        ),
      };
      byShape.set(shape, template);
      if (!readsAllColumns(template.query) && !statementNames.has(template.sql)) {
        statementNames.set(template.sql, statementNameOf(template.sql));
      }
    }
    return template;
  }

  return (db, values) => {
    const template = templateFor(db, values);
    if (!template) return db.executeQuery(build(db, values));
    const query: CompiledQuery<R> = {
      query: template.query,
      queryId: createQueryId(),
      sql: template.sql,
      parameters: template.parameters.map((p) => ('path' in p ? valueAt(values, p.path) : p.constant)),
    };
    return db.executeQuery(query);
  };
}
