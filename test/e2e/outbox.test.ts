import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pino, type Logger } from "pino";
import {
  AdminCreateUserCommand,
  CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";

/** A logger whose lines the test can read. */
function capturedLog(): { log: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString("utf8"));
      done();
    },
  });
  return { log: pino<never>({ level: "info" }, sink), lines: () => chunks.join("").split("\n").filter((line) => line !== "") };
}

function outboxLines(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.outbox !== undefined);
}

for (const backend of backends) {
  describe(`the outbox and its control API (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let log: ReturnType<typeof capturedLog>;
    let poolId: string;
    let emailPoolId: string;

    async function get(query: string): Promise<{ status: number; body: any }> {
      const response = await fetch(`${cognate.url}/_cognate/outbox${query}`);
      return { status: response.status, body: await response.json() };
    }

    before(async () => {
      log = capturedLog();
      cognate = await startCognate({ backend, overrides: { log: log.log } });
      cognito = cognate.client();
      poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: "outbox" }))).UserPool!.Id!;
      emailPoolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: "by-email", UsernameAttributes: ["email"] }))).UserPool!.Id!;
      for (const name of ["one", "two", "three"]) {
        await cognito.send(
          new AdminCreateUserCommand({ UserPoolId: poolId, Username: name, UserAttributes: [{ Name: "email", Value: `${name}@example.com` }] }),
        );
      }
      await cognito.send(new AdminCreateUserCommand({ UserPoolId: emailPoolId, Username: "four@example.com", TemporaryPassword: "Temp$Pass4" }));
    });
    after(() => cognate.close());

    test("lists a pool's messages oldest first, in the documented shape", async () => {
      const { status, body } = await get(`?poolId=${poolId}`);
      assert.equal(status, 200);
      assert.deepEqual(
        body.messages.map((m: any) => m.username),
        ["one", "two", "three"],
      );
      const first = body.messages[0];
      assert.deepEqual(Object.keys(first).sort(), [
        "body",
        "channel",
        "code",
        "createdAt",
        "destination",
        "id",
        "kind",
        "poolId",
        "subject",
        "username",
      ]);
      assert.equal(first.poolId, poolId);
      assert.equal(first.kind, "invitation");
      assert.equal(typeof first.createdAt, "number");
      assert.ok(Math.abs(first.createdAt * 1000 - Date.now()) < 60_000, "createdAt is epoch seconds");
    });

    test("username may be the internal username or an alias, resolved within the pool", async () => {
      const byAlias = await get(`?poolId=${emailPoolId}&username=${encodeURIComponent("four@example.com")}`);
      assert.equal(byAlias.body.messages.length, 1);
      const internal = byAlias.body.messages[0].username;
      assert.match(internal, /^[0-9a-f-]{36}$/);
      assert.equal(byAlias.body.messages[0].code, "Temp$Pass4");
      const byUsername = await get(`?poolId=${emailPoolId}&username=${internal}`);
      assert.deepEqual(byUsername.body, byAlias.body);
      const nobody = await get(`?poolId=${poolId}&username=nobody`);
      assert.deepEqual(nobody.body, { messages: [] });
    });

    test("limit caps the count; without poolId every pool's messages are listed", async () => {
      const limited = await get(`?poolId=${poolId}&limit=2`);
      assert.deepEqual(
        limited.body.messages.map((m: any) => m.username),
        ["one", "two"],
      );
      const all = await get("");
      assert.equal(all.body.messages.length, 4);
    });

    test("bad parameters are 400 and an unknown pool 404, each with a JSON message", async () => {
      for (const query of ["?limit=0", "?limit=1001", "?limit=abc", "?limit=1.5", "?poolId=a&poolId=b"]) {
        const { status, body } = await get(query);
        assert.equal(status, 400, query);
        assert.equal(typeof body.message, "string");
      }
      const missing = await get("?poolId=us-east-1_nothere00");
      assert.equal(missing.status, 404);
      assert.equal(missing.body.message, "User pool us-east-1_nothere00 does not exist.");
    });

    test("in dev mode each message is logged once with its body and code", () => {
      const lines = outboxLines(log.lines());
      assert.equal(lines.length, 4);
      const four = lines.find((line) => String(line.msg).includes("Temp$Pass4"));
      assert.ok(four !== undefined);
      assert.equal((four.outbox as Record<string, unknown>).code, "Temp$Pass4");
    });
  });
}

describe("the outbox in secure mode", () => {
  const ADMIN = { accessKeyId: "AKIAEXAMPLEADMIN001", secretAccessKey: "a-long-random-secret-for-tests" };
  let cognate: RunningCognate;
  let dir: string;
  let log: ReturnType<typeof capturedLog>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cognate-creds-"));
    const file = join(dir, "credentials.json");
    writeFileSync(file, JSON.stringify({ credentials: [{ name: "admin", ...ADMIN }] }));
    log = capturedLog();
    cognate = await startCognate({ env: { COGNATE_CREDENTIALS: file }, overrides: { log: log.log } });
  });
  after(async () => {
    await cognate.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("messages are stored but their bodies and codes never reach the log, and the control API is off", async () => {
    const cognito = cognate.client(ADMIN);
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: "secure" }));
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: UserPool!.Id,
        Username: "quiet",
        TemporaryPassword: "Secret$Pass9",
        UserAttributes: [{ Name: "email", Value: "quiet@example.com" }],
      }),
    );
    const stored = await cognate.app.deps.store.outbox.list({ poolId: UserPool!.Id!, limit: 10 });
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.code, "Secret$Pass9");
    const all = log.lines().join("\n");
    assert.ok(!all.includes("Secret$Pass9"), "the temporary password is not logged");
    assert.ok(!all.includes("quiet@example.com"), "neither is the destination");
    const [line] = outboxLines(log.lines());
    assert.equal(line!.msg, "message queued for delivery");
    assert.equal((await fetch(`${cognate.url}/_cognate/outbox`)).status, 404);
  });
});
