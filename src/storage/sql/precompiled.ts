import { CompiledQuery, type Compilable, type Kysely } from "kysely";
import type { SqlDialect } from "./dialect.js";
import type { Database } from "./schema.js";

/**
 * Runs a read at once, synchronously, on a database whose one connection no transaction holds (SQLite);
 * undefined when a transaction holds it, whose uncommitted writes the read must not see: then it queues on
 * the connection as any query does.
 */
export type ImmediateRead = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

/** Where a precompiled read runs: a database handle (the whole database or one transaction). */
export interface ReadTarget {
  db: Kysely<Database>;
  dialect: SqlDialect["name"];
  /** Only for the whole database, never for a transaction's handle. */
  immediate?: ImmediateRead;
}

/**
 * A read built and compiled once per dialect, then run with each call's parameters. On the hottest path (a user
 * looked up by key on nearly every request) building and compiling the query, and queueing it through the
 * query executor, cost more than SQLite takes to answer it. `build` gets placeholders standing for the
 * parameters and must bind each as one value, in order.
 */
export function precompiled<Args extends string[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (target: ReadTarget, ...args: Args) => Promise<Row[]> {
  const textByDialect = new Map<SqlDialect["name"], string>();
  return async ({ db, dialect, immediate }, ...args) => {
    let text = textByDialect.get(dialect);
    if (text === undefined) {
      const placeholders = args.map((_, i) => `\u0000parameter ${i}`) as Args;
      const compiled = build(db, ...placeholders).compile();
      const bindsInOrder =
        compiled.parameters.length === placeholders.length && compiled.parameters.every((value, i) => value === placeholders[i]);
      if (!bindsInOrder) throw new Error(`a precompiled query must bind its parameters once each, in order: ${compiled.sql}`);
      text = compiled.sql;
      textByDialect.set(dialect, text);
    }
    const rows = immediate?.(text, args);
    return rows === undefined ? (await db.executeQuery<Row>(CompiledQuery.raw(text, args))).rows : (rows as Row[]);
  };
}
