import assert from "node:assert/strict";
import { randomBytes, scryptSync, pbkdf2Sync } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  ConfirmForgotPasswordCommand,
  CreateUserImportJobCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserImportJobCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  ListUserImportJobsCommand,
  NotAuthorizedException,
  PasswordResetRequiredException,
  PreconditionNotMetException,
  ResourceNotFoundException,
  StartUserImportJobCommand,
  StopUserImportJobCommand,
  type CognitoIdentityProviderClient,
  type PasswordHashingAlgorithmType,
  type UserImportJobType,
} from "@aws-sdk/client-cognito-identity-provider";
import { hash as argon2Hash } from "@node-rs/argon2";
import bcrypt from "bcryptjs";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { latestCode } from "../helpers/codes.js";
import { assertFailed, assertSucceeded, authenticateWithCognitoJs, cognitoJsPool, cognitoJsUser } from "../helpers/realClients.js";

const ROLE = "arn:aws:iam::123456789012:role/CognitoImport";
const HEADER = "cognito:username,email,email_verified,cognito:mfa_enabled,cognito:password_hash";
const OLD_PASSWORD = "Old-Password1";
const NEW_PASSWORD = "New-Password2";
const WRONG = "Incorrect username or password.";

/** One CSV row of HEADER's columns; the hash quoted, as its parameters hold commas. */
const row = (username: string, hash = "") => `${username},${username}@example.com,true,false,"${hash}"`;

/** The hash another system would have stored for `password`, in each algorithm's usual string form. */
async function legacyHash(algorithm: PasswordHashingAlgorithmType, password: string): Promise<string> {
  const salt = randomBytes(16);
  const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");
  switch (algorithm) {
    case "BCRYPT":
      return bcrypt.hashSync(password, 10);
    case "ARGON2ID":
      // 2 (Algorithm.Argon2id): the package's enum is const, with no runtime object.
      return argon2Hash(password, { algorithm: 2, memoryCost: 4096, timeCost: 3, parallelism: 1 });
    case "SCRYPT":
      return `$scrypt$ln=14,r=8,p=1$${b64(salt)}$${b64(scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 }))}`;
    case "PBKDF2_SHA256":
      return `$pbkdf2-sha256$i=100000,l=32$${b64(salt)}$${b64(pbkdf2Sync(password, salt, 100_000, 32, "sha256"))}`;
  }
}

async function waitForJob(
  cognito: CognitoIdentityProviderClient,
  poolId: string,
  jobId: string,
  done: (job: UserImportJobType) => boolean = (job) => ["Succeeded", "Failed", "Stopped"].includes(job.Status!),
): Promise<UserImportJobType> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { UserImportJob } = await cognito.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }));
    if (done(UserImportJob!)) return UserImportJob!;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${UserImportJob!.Status} after a minute`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const put = (url: string, body: string) => fetch(url, { method: "PUT", body });

for (const backend of backends) {
  describe(`user import jobs (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;

    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
    });
    after(() => cognate.close());

    const newPool = async () =>
      (await cognito.send(new CreateUserPoolCommand({ PoolName: "imports", AutoVerifiedAttributes: ["email"] }))).UserPool!.Id!;
    const newClient = async (poolId: string) =>
      (
        await cognito.send(
          new CreateUserPoolClientCommand({
            UserPoolId: poolId,
            ClientName: "app",
            ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
          }),
        )
      ).UserPoolClient!.ClientId!;
    const createJob = async (poolId: string, algorithm?: PasswordHashingAlgorithmType) =>
      (
        await cognito.send(
          new CreateUserImportJobCommand({
            UserPoolId: poolId,
            JobName: "legacy users",
            CloudWatchLogsRoleArn: ROLE,
            ...(algorithm === undefined ? {} : { PasswordHashingAlgorithm: algorithm }),
          }),
        )
      ).UserImportJob!;
    /** Creates a job, uploads `csv` to its PreSignedUrl, starts it and waits for its end. */
    const runJob = async (poolId: string, csv: string, algorithm?: PasswordHashingAlgorithmType) => {
      const job = await createJob(poolId, algorithm);
      assert.equal((await put(job.PreSignedUrl!, csv)).status, 200);
      await cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
      return waitForJob(cognito, poolId, job.JobId!);
    };

    test("a job goes from Created through an upload by PUT and StartUserImportJob to Succeeded, with Cognito's fields", async () => {
      const poolId = await newPool();
      const created = await createJob(poolId);
      assert.match(created.JobId!, /^import-[0-9A-Za-z]{10}$/);
      assert.equal(created.Status, "Created");
      assert.equal(created.JobName, "legacy users");
      assert.equal(created.UserPoolId, poolId);
      assert.equal(created.CloudWatchLogsRoleArn, ROLE);
      assert.ok(created.CreationDate instanceof Date);
      assert.deepEqual([created.ImportedUsers, created.SkippedUsers, created.FailedUsers], [0, 0, 0]);
      assert.equal(created.StartDate, undefined);
      const url = new URL(created.PreSignedUrl!);
      assert.equal(url.origin, new URL(cognate.app.publicUrl()).origin);
      assert.ok(url.pathname.startsWith("/user-import/"));
      assert.ok(url.searchParams.get("token")!.length >= 40, "the URL carries an unguessable token");

      await rejectsWith(
        cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId! })),
        PreconditionNotMetException,
        `User import job ${created.JobId} cannot be started: no CSV file was uploaded to its PreSignedUrl.`,
      );
      const forged = new URL(created.PreSignedUrl!);
      forged.searchParams.set("token", "A".repeat(43));
      const refused = await put(forged.href, `${HEADER}\n${row("mallory")}\n`);
      assert.equal(refused.status, 403);
      assert.match(await refused.text(), /<Code>AccessDenied<\/Code>/);

      const uploaded = await put(created.PreSignedUrl!, `${HEADER}\n${row("ada")}\n${row("grace")}\n`);
      assert.equal(uploaded.status, 200);
      assert.match(uploaded.headers.get("etag")!, /^"[0-9a-f]{32}"$/);
      const { UserImportJob: started } = await cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId! }));
      assert.ok(["Pending", "InProgress", "Succeeded"].includes(started!.Status!));
      assert.ok(started!.StartDate instanceof Date);

      const finished = await waitForJob(cognito, poolId, created.JobId!);
      assert.equal(finished.Status, "Succeeded");
      assert.equal(finished.CompletionMessage, "Import Job Completed Successfully.");
      assert.deepEqual([finished.ImportedUsers, finished.SkippedUsers, finished.FailedUsers], [2, 0, 0]);
      assert.ok(finished.CompletionDate!.getTime() >= finished.StartDate!.getTime());
      const ada = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "ada" }));
      assert.equal(ada.UserStatus, "RESET_REQUIRED");

      assert.equal((await put(created.PreSignedUrl!, `${HEADER}\n${row("late")}\n`)).status, 403, "no upload after the start");
      await rejectsWith(
        cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId! })),
        PreconditionNotMetException,
        `User import job ${created.JobId} cannot be started: its status is Succeeded.`,
      );
      await rejectsWith(
        cognito.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: created.JobId! })),
        PreconditionNotMetException,
        `User import job ${created.JobId} cannot be stopped: its status is Succeeded.`,
      );
      await rejectsWith(
        cognito.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: "import-0000000000" })),
        ResourceNotFoundException,
        "User import job import-0000000000 does not exist.",
      );
    });

    for (const algorithm of ["BCRYPT", "ARGON2ID", "SCRYPT", "PBKDF2_SHA256"] as const) {
      test(`users imported with ${algorithm} hashes sign in with their old password, then with SRP; users without a hash must reset`, async () => {
        const poolId = await newPool();
        const clientId = await newClient(poolId);
        const csv = [HEADER, row("hashed", await legacyHash(algorithm, OLD_PASSWORD)), row("admin", await legacyHash(algorithm, OLD_PASSWORD)), row("plain")].join("\n");
        const job = await runJob(poolId, csv, algorithm);
        assert.equal(job.Status, "Succeeded");
        assert.equal(job.PasswordHashingAlgorithm, algorithm);
        assert.deepEqual([job.ImportedUsers, job.SkippedUsers, job.FailedUsers], [3, 0, 0]);
        assert.equal((await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: "hashed" }))).UserStatus, "CONFIRMED");

        // Before the first password sign-in there is no SRP verifier: SRP fails like a wrong password.
        const pool = cognitoJsPool(cognate.url, poolId, clientId);
        assertFailed(await authenticateWithCognitoJs(cognitoJsUser(pool, "hashed"), "hashed", OLD_PASSWORD), "NotAuthorizedException", WRONG);
        const passwordAuth = (password: string) =>
          cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "hashed", PASSWORD: password } }));
        await rejectsWith(passwordAuth("Not-The-Password1"), NotAuthorizedException, WRONG);
        assert.ok((await passwordAuth(OLD_PASSWORD)).AuthenticationResult?.AccessToken);
        // The imported hash is now Cognate's own: SRP and password sign-ins go on working.
        assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "hashed"), "hashed", OLD_PASSWORD));
        assert.ok((await passwordAuth(OLD_PASSWORD)).AuthenticationResult?.AccessToken);

        const { AuthenticationResult } = await cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "admin", PASSWORD: OLD_PASSWORD },
          }),
        );
        assert.ok(AuthenticationResult?.IdToken);
        assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "admin"), "admin", OLD_PASSWORD));

        // Without a hash: RESET_REQUIRED, out of which ForgotPassword leads.
        await rejectsWith(
          cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "plain", PASSWORD: OLD_PASSWORD } })),
          PasswordResetRequiredException,
          "Password reset required for the user",
        );
        await cognito.send(new ForgotPasswordCommand({ ClientId: clientId, Username: "plain" }));
        const { code } = await latestCode(cognate, poolId, "plain", "forgot-password");
        await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: clientId, Username: "plain", ConfirmationCode: code, Password: NEW_PASSWORD }));
        assertSucceeded(await authenticateWithCognitoJs(cognitoJsUser(pool, "plain"), "plain", NEW_PASSWORD));
      });
    }

    test("rows are counted: imported, skipped (the username exists) and failed (malformed, refused, unreadable hash)", async () => {
      const poolId = await newPool();
      await runJob(poolId, `${HEADER}\n${row("existing")}\n`);
      const bcryptHash = await legacyHash("BCRYPT", OLD_PASSWORD);
      const csv = [
        HEADER,
        row("new-one", bcryptHash),
        row("new-two"),
        row("existing"),
        "too,few,fields",
        "unverified,unverified@example.com,false,false,",
        row("bad-hash", "$2b$10$tooShort"),
        row("wrong-kind", await legacyHash("PBKDF2_SHA256", OLD_PASSWORD)),
        row("new-one"),
      ].join("\r\n");
      const job = await runJob(poolId, csv, "BCRYPT");
      assert.equal(job.Status, "Succeeded");
      assert.deepEqual({ imported: job.ImportedUsers, skipped: job.SkippedUsers, failed: job.FailedUsers }, { imported: 2, skipped: 2, failed: 4 });
    });

    test("a header the pool cannot take fails the job with a CompletionMessage saying why", async () => {
      const poolId = await newPool();
      const job = await runJob(poolId, "cognito:username,favourite_colour\nada,blue\n");
      assert.equal(job.Status, "Failed");
      assert.match(job.CompletionMessage!, /^The CSV header is not valid: column "favourite_colour" is not an attribute/);
      assert.ok(job.CompletionMessage!.length <= 128);
    });

    test("ListUserImportJobs pages the pool's jobs in creation order with PaginationToken", async () => {
      const poolId = await newPool();
      const ids = [(await createJob(poolId)).JobId, (await createJob(poolId)).JobId, (await createJob(poolId)).JobId];
      const first = await cognito.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2 }));
      assert.deepEqual(first.UserImportJobs!.map((job) => job.JobId), ids.slice(0, 2));
      assert.ok(first.PaginationToken);
      const second = await cognito.send(new ListUserImportJobsCommand({ UserPoolId: poolId, MaxResults: 2, PaginationToken: first.PaginationToken }));
      assert.deepEqual(second.UserImportJobs!.map((job) => job.JobId), ids.slice(2));
      assert.equal(second.PaginationToken, undefined);
      assert.ok(second.UserImportJobs![0]!.PreSignedUrl);
    });

    test("StopUserImportJob stops a running job: Stopped, with the users of the batches written before", async () => {
      const poolId = await newPool();
      const rows = Array.from({ length: 20_000 }, (_, index) => row(`user${index}`));
      const job = await createJob(poolId);
      assert.equal((await put(job.PreSignedUrl!, [HEADER, ...rows].join("\n"))).status, 200);
      await cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
      const { UserImportJob: stopping } = await cognito.send(new StopUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
      assert.ok(["Stopping", "Stopped"].includes(stopping!.Status!));
      const stopped = await waitForJob(cognito, poolId, job.JobId!);
      assert.equal(stopped.Status, "Stopped");
      assert.equal(stopped.CompletionMessage, "Import Job Stopped.");
      assert.ok(stopped.ImportedUsers! < 20_000);
    });

    test("a job that is not started within 24 hours is Expired and its PreSignedUrl takes no file", async () => {
      const poolId = await newPool();
      const job = await createJob(poolId);
      // Last in this server: the clock stays moved.
      await fetch(`${cognate.url}/_cognate/clock`, { method: "POST", body: JSON.stringify({ advanceSeconds: 24 * 3600 }), headers: { "content-type": "application/json" } });
      const { UserImportJob } = await cognito.send(new DescribeUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! }));
      assert.equal(UserImportJob!.Status, "Expired");
      assert.equal((await put(job.PreSignedUrl!, `${HEADER}\n${row("ada")}\n`)).status, 403);
      await rejectsWith(
        cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: job.JobId! })),
        PreconditionNotMetException,
        `User import job ${job.JobId} cannot be started: its status is Expired.`,
      );
    });
  });

  describe(`user import jobs survive a restart (${backend})`, () => {
    let database: { db: string; cleanup(): Promise<void> };
    before(async () => {
      database = await freshDatabase(backend);
    });
    after(() => database.cleanup());

    test("a job InProgress when the server stops is resumed by the next start, no row lost or imported twice", async () => {
      const total = 30_000;
      const first = await startCognate({ db: database.db });
      let poolId: string;
      let jobId: string;
      try {
        const cognito = first.client();
        poolId = (await cognito.send(new CreateUserPoolCommand({ PoolName: "restart", AutoVerifiedAttributes: ["email"] }))).UserPool!.Id!;
        const { UserImportJob } = await cognito.send(new CreateUserImportJobCommand({ UserPoolId: poolId, JobName: "big", CloudWatchLogsRoleArn: ROLE }));
        jobId = UserImportJob!.JobId!;
        const csv = [HEADER, ...Array.from({ length: total }, (_, index) => row(`user${index}`))].join("\n");
        assert.equal((await put(UserImportJob!.PreSignedUrl!, csv)).status, 200);
        await cognito.send(new StartUserImportJobCommand({ UserPoolId: poolId, JobId: jobId }));
        const running = await waitForJob(cognito, poolId, jobId, (job) => job.Status !== "Pending" && job.ImportedUsers! > 0);
        assert.equal(running.Status, "InProgress");
      } finally {
        await first.close();
      }
      const second = await startCognate({ db: database.db });
      try {
        const cognito = second.client();
        const finished = await waitForJob(cognito, poolId, jobId);
        assert.equal(finished.Status, "Succeeded");
        assert.deepEqual([finished.ImportedUsers, finished.SkippedUsers, finished.FailedUsers], [total, 0, 0]);
      } finally {
        await second.close();
      }
    });
  });
}
