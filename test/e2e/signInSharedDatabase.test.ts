import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, OTHER_PASSWORD, PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

describe("sign-in across two instances on one PostgreSQL database", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let a: RunningCognate;
  let b: RunningCognate;
  let cognitoA: CognitoIdentityProviderClient;
  let cognitoB: CognitoIdentityProviderClient;
  let fixture: SignInFixture;
  before(async () => {
    database = await freshDatabase("postgres");
    a = await startCognate({ db: database.db });
    b = await startCognate({ db: database.db });
    cognitoA = a.client();
    cognitoB = b.client();
    fixture = new SignInFixture(a, cognitoA);
  });
  after(async () => {
    await a.close();
    await b.close();
    await database.cleanup();
  });

  const signIn = (cognito: CognitoIdentityProviderClient, clientId: string, username: string, password: string) =>
    cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
  const answer = (cognito: CognitoIdentityProviderClient, clientId: string, session: string, username: string) =>
    cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: "NEW_PASSWORD_REQUIRED",
        Session: session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: PASSWORD },
      }),
    );

  test("a challenge started on one instance is answered on the other, and its session is then refused on both", async () => {
    const poolId = await fixture.pool();
    const { clientId } = await fixture.client(poolId);
    await fixture.invitedUser(poolId, "lena");
    const started = await signIn(cognitoA, clientId, "lena", TEMPORARY_PASSWORD);
    assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const done = await answer(cognitoB, clientId, started.Session!, "lena");
    assert.equal(claimsOf(done.AuthenticationResult!.IdToken)["cognito:username"], "lena");
    for (const cognito of [cognitoA, cognitoB]) {
      await rejectsWith(answer(cognito, clientId, started.Session!, "lena"), NotAuthorizedException, "Invalid session for the user, session is expired.");
    }
  });

  test("two answers racing on the two instances: exactly one wins", async () => {
    const poolId = await fixture.pool();
    const { clientId } = await fixture.client(poolId);
    await fixture.invitedUser(poolId, "milo");
    const started = await signIn(cognitoA, clientId, "milo", TEMPORARY_PASSWORD);
    const outcomes = await Promise.allSettled([
      answer(cognitoA, clientId, started.Session!, "milo"),
      answer(cognitoB, clientId, started.Session!, "milo"),
    ]);
    assert.equal(outcomes.filter((outcome) => outcome.status === "fulfilled").length, 1);
    const refused = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    assert.ok(refused.reason instanceof NotAuthorizedException);
    assert.equal((refused.reason as Error).message, "Invalid session for the user, session is expired.");
  });

  test("failures counted on one instance lock the user on the other", async () => {
    const poolId = await fixture.pool();
    const { clientId } = await fixture.client(poolId);
    await fixture.confirmedUser(poolId, "nora");
    for (const cognito of [cognitoA, cognitoB, cognitoA, cognitoB, cognitoA]) {
      await rejectsWith(signIn(cognito, clientId, "nora", OTHER_PASSWORD), NotAuthorizedException, "Incorrect username or password.");
    }
    await rejectsWith(signIn(cognitoB, clientId, "nora", PASSWORD), NotAuthorizedException, "Password attempts exceeded");
  });

  test("a refresh token from one instance refreshes on the other", async () => {
    const poolId = await fixture.pool();
    const { clientId } = await fixture.client(poolId);
    await fixture.confirmedUser(poolId, "otto");
    const first = await signIn(cognitoA, clientId, "otto", PASSWORD);
    const refreshed = await cognitoB.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: first.AuthenticationResult!.RefreshToken! },
      }),
    );
    assert.equal(claimsOf(refreshed.AuthenticationResult!.AccessToken).username, "otto");
  });
});
