import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  InvalidPasswordException,
  NotAuthorizedException,
  UpdateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { freshDatabase, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { cognitoClientFor, serveCognate, type ServingProcess } from "../helpers/process.js";
import { PASSWORD, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";

/*
 * Each server keeps what it reads on every request (a pool's settings, the control clock) until the SQLite file
 * says another connection committed. Here a second server, in a process of its own, shares the file: what the
 * first one changes must rule the second one's very next request.
 */
describe("two servers on one SQLite file", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let a: RunningCognate;
  let b: ServingProcess;
  let cognitoA: CognitoIdentityProviderClient;
  let cognitoB: CognitoIdentityProviderClient;
  let fixture: SignInFixture;
  before(async () => {
    database = await freshDatabase("sqlite");
    a = await startCognate({ db: database.db });
    b = await serveCognate([], { COGNATE_DB: database.db });
    cognitoA = a.client();
    cognitoB = cognitoClientFor(b.address);
    fixture = new SignInFixture(a, cognitoA);
  });
  after(async () => {
    cognitoB?.destroy();
    await b?.stop();
    await a?.close();
    await database?.cleanup();
  });

  test("a password policy tightened on one is enforced by the other at once", async () => {
    const poolId = await fixture.pool();
    await fixture.confirmedUser(poolId, "ines");
    const setOnB = (password: string) =>
      cognitoB.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "ines", Password: password, Permanent: true }));
    await setOnB("Ten-Chars1");

    await cognitoA.send(new UpdateUserPoolCommand({ UserPoolId: poolId, Policies: { PasswordPolicy: { MinimumLength: 12 } } }));
    await rejectsWith(setOnB("Ten-Chars2"), InvalidPasswordException, "Password did not conform with policy: Password not long enough");
    await setOnB("Twelve-Chars3");
  });

  test("the control clock moved through one expires the other's temporary passwords", async () => {
    const poolId = await fixture.pool({ Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 1 } } });
    const { clientId } = await fixture.client(poolId);
    await fixture.invitedUser(poolId, "jonas");
    const signInOnB = (password: string) =>
      cognitoB.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "jonas", PASSWORD: password } }),
      );
    assert.equal((await signInOnB(TEMPORARY_PASSWORD)).ChallengeName, "NEW_PASSWORD_REQUIRED");

    await fixture.advanceClock(86400 + 60);
    await rejectsWith(signInOnB(TEMPORARY_PASSWORD), NotAuthorizedException, "Temporary password has expired and must be reset by an administrator.");
    await cognitoA.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "jonas", Password: PASSWORD, Permanent: true }));
    assert.ok((await signInOnB(PASSWORD)).AuthenticationResult?.AccessToken);
  });
});
