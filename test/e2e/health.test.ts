import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { backends, freshDatabase, startCognate } from "../helpers/cognate.js";
import { runCognate, serveCognate } from "../helpers/process.js";
import { sql } from "kysely";
import { EXPECTED_SCHEMA_VERSION } from "../../src/storage/sql/migrate.js";
import { openSqlDatabase } from "../../src/storage/open.js";

for (const backend of backends) {
  describe(`health and schema readiness (${backend})`, () => {
    test("/health reports storage reachable and the schema version the code needs", async () => {
      const cognate = await startCognate({ backend });
      try {
        const response = await fetch(`${cognate.url}/health`);
        assert.equal(response.status, 200);
        assert.deepEqual(await response.json(), { status: "ok", storage: "reachable", schemaVersion: EXPECTED_SCHEMA_VERSION });
      } finally {
        await cognate.close();
      }
    });

    test("/health answers 503 naming both versions when the database falls behind the code while serving", async () => {
      const database = await freshDatabase(backend);
      const cognate = await startCognate({ db: database.db });
      try {
        // As after restoring a backup of an older Cognate by hand: the newest migration is not recorded.
        const rows = await openSqlDatabase(database.db);
        await sql`delete from kysely_migration where name = ${EXPECTED_SCHEMA_VERSION}`.execute(rows).finally(() => rows.destroy());
        const response = await fetch(`${cognate.url}/health`);
        assert.equal(response.status, 503);
        const body = (await response.json()) as { status: string; schemaVersion: string; expectedSchemaVersion: string };
        assert.equal(body.status, "unavailable");
        assert.equal(body.expectedSchemaVersion, EXPECTED_SCHEMA_VERSION);
        assert.ok(body.schemaVersion < EXPECTED_SCHEMA_VERSION);
      } finally {
        await cognate.close();
        await database.cleanup();
      }
    });

    test("with --manual-migrations a database behind the code is refused with one line until `cognate migrate` ran", async () => {
      const database = await freshDatabase(backend);
      try {
        const refused = await runCognate(["serve", "--port", "0", "--manual-migrations"], { COGNATE_DB: database.db });
        assert.equal(refused.code, 2);
        assert.equal(
          refused.stderr,
          `cognate: the database schema is at nothing (a new database) but this Cognate needs ${EXPECTED_SCHEMA_VERSION}: run \`cognate migrate\` first\n`,
        );
        const migrated = await runCognate(["migrate", "--manual-migrations"], { COGNATE_DB: database.db });
        assert.equal(migrated.code, 0, migrated.stderr);
        const serving = await serveCognate(["--manual-migrations"], { COGNATE_DB: database.db, COGNATE_LOG_LEVEL: "info" });
        try {
          assert.equal(((await (await fetch(`${serving.url}/health`)).json()) as { schemaVersion: string }).schemaVersion, EXPECTED_SCHEMA_VERSION);
        } finally {
          assert.equal(await serving.stop(), 0);
        }
      } finally {
        await database.cleanup();
      }
    });
  });
}
