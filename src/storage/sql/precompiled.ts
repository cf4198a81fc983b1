import { CompiledQuery, type Compilable, type Kysely } from "kysely";
import type { SqlDialect } from "./dialect.js";
import type { Database } from "./schema.js";

/**
 * A read built and compiled once per dialect, then run with each call's parameters. On the hottest path (a user
 * looked up by key on nearly every request) building and compiling the query costs more than SQLite takes to
 * answer it. `build` gets placeholders standing for the parameters and must bind each as one value, in order.
 */
export function precompiled<Args extends string[], Row>(
  build: (db: Kysely<Database>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Database>, dialect: SqlDialect["name"], ...args: Args) => Promise<Row[]> {
  const textByDialect = new Map<SqlDialect["name"], string>();
  return async (db, dialect, ...args) => {
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
    return (await db.executeQuery<Row>(CompiledQuery.raw(text, args))).rows;
  };
}
