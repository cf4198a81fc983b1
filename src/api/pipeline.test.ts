import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createApp, type App } from "../app.js";
import { resolveConfig } from "../config/schema.js";
import type { Store } from "../domain/ports/store.js";
import { groupExists } from "../errors/catalogue.js";
import { CognitoError } from "../errors/cognitoError.js";
import { FrameworkError } from "../errors/frameworkError.js";
import { openSqliteStore } from "../storage/sqlite/index.js";
import { operationNames } from "../model/operations.gen.js";
import { registry } from "./registry.js";

/**
 * The store, except that listing pools throws `error`: ListUserPools then fails with an exception its model
 * does not list (GroupExistsException), as a handler with a bug would.
 */
function failingPoolListing(store: Store, error: Error): Store {
  const bound = (target: object, value: unknown) => (typeof value === "function" ? value.bind(target) : value);
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== "pools") return bound(target, value);
      return new Proxy(value as Store["pools"], {
        get: (pools, method) =>
          method === "list"
            ? async () => {
                throw error;
              }
            : bound(pools, Reflect.get(pools, method)),
      });
    },
  });
}

/** An app on a store whose pool listing throws GroupExistsException, and the lines it logs. */
async function appWithUnmodelledError(env: NodeJS.ProcessEnv): Promise<{ app: App; logged: string[] }> {
  const logged: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString("utf8"));
      done();
    },
  });
  const store = failingPoolListing(await openSqliteStore(":memory:"), groupExists());
  const app = await createApp(resolveConfig({ db: "sqlite::memory:" }, env), { store, log: pino({ level: "error" }, destination) });
  return { app, logged };
}

test("dev mode: an error the model does not list for the operation fails loudly as an internal error", async () => {
  const { app, logged } = await appWithUnmodelledError({});
  try {
    assert.equal(app.mode, "dev");
    await assert.rejects(
      app.invoke("ListUserPools", { MaxResults: 10 }, await app.localContext()),
      (error: unknown) => error instanceof CognitoError && error.type === "InternalErrorException",
    );
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /ListUserPools raised GroupExistsException, which the model does not list for it/);
  } finally {
    await app.close();
  }
});

test("dev mode: errors the model lists, and the pipeline's own refusals, go out as thrown", async () => {
  const { app, logged } = await appWithUnmodelledError({});
  try {
    const ctx = await app.localContext();
    await assert.rejects(
      app.invoke("DescribeUserPool", { UserPoolId: "us-east-1_missing00" }, ctx),
      (error: unknown) => error instanceof CognitoError && error.type === "ResourceNotFoundException",
    );
    await assert.rejects(
      app.invoke("ListUserPools", {}, ctx),
      (error: unknown) => error instanceof CognitoError && error.type === "InvalidParameterException",
    );
    await assert.rejects(
      app.invoke("ListUserPools", { MaxResults: "ten" }, ctx),
      (error: unknown) => error instanceof FrameworkError && error.type === "SerializationException",
    );
    // Any model operation without a handler, while one remains (other issues own the last ones).
    const unserved = operationNames.find((name) => !(name in registry));
    if (unserved !== undefined) {
      await assert.rejects(
        app.invoke(unserved, {}, ctx),
        (error: unknown) => error instanceof CognitoError && error.type === "UnsupportedOperationException",
      );
    }
    assert.deepEqual(logged, []);
  } finally {
    await app.close();
  }
});

test("secure mode: the error goes out as the handler threw it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "cognate-pipeline-"));
  const credentials = join(dir, "credentials.json");
  writeFileSync(
    credentials,
    JSON.stringify({ credentials: [{ name: "admin", accessKeyId: "AKIAEXAMPLEADMIN001", secretAccessKey: "a-long-random-secret-for-tests" }] }),
  );
  const { app, logged } = await appWithUnmodelledError({ COGNATE_CREDENTIALS: credentials });
  try {
    assert.equal(app.mode, "secure");
    await assert.rejects(
      app.invoke("ListUserPools", { MaxResults: 10 }, await app.localContext()),
      (error: unknown) => error instanceof CognitoError && error.type === "GroupExistsException",
    );
    assert.deepEqual(logged, []);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
