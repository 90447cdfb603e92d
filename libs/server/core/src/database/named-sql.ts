/** A SQL statement with a stable name. Repositories register theirs so `npm run queries` can write every statement
 * to queries/<feature>.sql, where a change in SQL shows up as a reviewable diff. */
export interface NamedSql {
  readonly name: string;
  readonly text: string;
}

const NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
const registry = new Map<string, NamedSql>();

/** Registers `text` under `name` ("<feature>.<kebab-name>"). A name registered twice with other text is a bug. */
export function defineSql(name: string, text: string): NamedSql {
  if (!NAME.test(name)) throw new Error(`SQL name "${name}" must look like "<feature>.<kebab-name>"`);
  const statement = Object.freeze({ name, text: dedent(text) });
  const existing = registry.get(name);
  if (existing && existing.text !== statement.text)
    throw new Error(`SQL name "${name}" is registered twice with different text`);
  registry.set(name, statement);
  return statement;
}

/** What runs SQL: a TypeORM DataSource or EntityManager. */
interface Queryable {
  query(query: string, parameters?: unknown[]): Promise<any>;
}

/**
 * Runs a registered statement as a named prepared statement of pg: PostgreSQL parses and plans it once per connection
 * instead of once per call. pg accepts a `{ name, text }` config where TypeORM passes the query text through.
 */
export function runNamed<T = any>(db: Queryable, sql: NamedSql, values: unknown[]): Promise<T> {
  return db.query({ name: sql.name, text: sql.text } as unknown as string, values);
}

/** Every registered statement, sorted by name. */
export function registeredSql(): NamedSql[] {
  return [...registry.values()].sort((left, right) => left.name.localeCompare(right.name));
}

function dedent(text: string): string {
  const lines = text.replace(/^\n+|\s+$/g, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => line.match(/^ */)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}
