import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { freshDatabase, startCognate } from "../helpers/cognate.js";
import { runCognate } from "../helpers/process.js";
import { PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

const jwksKids = async (url: string, poolId: string) =>
  ((await (await fetch(`${url}/${poolId}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((key) => key.kid).sort();

describe("backup and restore (sqlite)", () => {
  test("a backup taken while users are being created is consistent, and a restored copy serves the same pools, users, keys and sessions", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cognate-backup-"));
    const db = `sqlite:${join(dir, "live.db")}`;
    const backupFile = join(dir, "backup.db");
    try {
      const live = await startCognate({ db });
      const cognito = live.client();
      const fixture = new SignInFixture(live, cognito);
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "ada");
      await fixture.invitedUser(poolId, "grace");
      const signedIn = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "ada", PASSWORD } }),
      );
      const challenge = await cognito.send(
        new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: "grace", PASSWORD: TEMPORARY_PASSWORD } }),
      );
      const kids = await jwksKids(live.url, poolId);

      // Users keep being created, each with its audit event in the same transaction, while the backup runs.
      let writing = true;
      let created = 0;
      const writer = (async () => {
        while (writing) {
          await cognito.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: `during-${created}`, MessageAction: "SUPPRESS" }));
          created += 1;
        }
      })();
      const backup = await runCognate(["backup", backupFile], { COGNATE_DB: db });
      const createdByThen = created;
      writing = false;
      await writer;
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /^backed up \d+ pages to /);
      assert.ok(createdByThen > 0, "writes went on during the backup");
      assertConsistent(backupFile, poolId);
      const again = await runCognate(["backup", backupFile], { COGNATE_DB: db });
      assert.equal(again.code, 2);
      assert.match(again.stderr, /^cognate: .*backup\.db exists already: choose a new file for the backup\n$/);
      await live.close();

      const refused = await runCognate(["restore", backupFile], { COGNATE_DB: db });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /^cognate: the database at .* holds 1 user pools: pass --force to replace it with .*\n$/);

      const restoredDb = `sqlite:${join(dir, "restored.db")}`;
      const restored = await runCognate(["restore", backupFile], { COGNATE_DB: restoredDb });
      assert.equal(restored.code, 0, restored.stderr);
      assert.equal(restored.stdout, `restored 1 user pools from ${backupFile}\n`);

      const copy = await startCognate({ db: restoredDb });
      try {
        const client = copy.client();
        assert.equal((await client.send(new DescribeUserPoolCommand({ UserPoolId: poolId }))).UserPool?.Id, poolId);
        assert.equal((await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }))).UserStatus, "CONFIRMED");
        assert.deepEqual(await jwksKids(copy.url, poolId), kids, "the same signing keys");
        const refreshed = await client.send(
          new InitiateAuthCommand({
            AuthFlow: "REFRESH_TOKEN_AUTH",
            ClientId: clientId,
            AuthParameters: { REFRESH_TOKEN: signedIn.AuthenticationResult!.RefreshToken! },
          }),
        );
        assert.ok(refreshed.AuthenticationResult?.AccessToken, "the refresh token still works");
        const answered = await client.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: challenge.Session!,
            ChallengeResponses: { USERNAME: "grace", NEW_PASSWORD: PASSWORD },
          }),
        );
        assert.ok(answered.AuthenticationResult?.AccessToken, "the challenge session still answers");
      } finally {
        await copy.close();
      }

      const forced = await runCognate(["restore", backupFile, "--force"], { COGNATE_DB: db });
      assert.equal(forced.code, 0, forced.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("on PostgreSQL, backup and restore point to pg_dump with one line", async () => {
    const database = await freshDatabase("postgres");
    try {
      for (const args of [["backup", "/tmp/never-written.db"], ["restore", "/tmp/never-read.db"]]) {
        const refused = await runCognate(args, { COGNATE_DB: database.db });
        assert.equal(refused.code, 2);
        assert.match(refused.stderr, /^cognate: on PostgreSQL, back up with pg_dump and restore with pg_restore .*\n$/);
      }
      assert.equal(existsSync("/tmp/never-written.db"), false);
    } finally {
      await database.cleanup();
    }
  });
});

/** Every user in the copy has its AdminCreateUser event and every such event its user: no transaction was cut in two. */
function assertConsistent(file: string, poolId: string): void {
  const copy = new BetterSqlite3(file, { readonly: true });
  try {
    assert.equal(copy.pragma("integrity_check", { simple: true }), "ok");
    const users = (copy.prepare("select username from users where pool_id = ? and username like 'during-%' order by username").pluck().all(poolId) as string[]);
    const events = (
      copy
        .prepare("select username from audit_events where pool_id = ? and operation = 'AdminCreateUser' and outcome = 'success' and username like 'during-%' order by username")
        .pluck()
        .all(poolId) as string[]
    );
    assert.deepEqual(users, events);
  } finally {
    copy.close();
  }
}
