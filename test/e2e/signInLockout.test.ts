import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  InitiateAuthCommand,
  NotAuthorizedException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { OTHER_PASSWORD, PASSWORD, SignInFixture } from "../helpers/signIn.js";

const LOCKED = "Password attempts exceeded";
const WRONG = "Incorrect username or password.";

for (const backend of backends) {
  describe(`lockout after failed sign-ins (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    /** A pool, a client and a confirmed user; signIn(password) tries USER_PASSWORD_AUTH. */
    async function setUp(username: string) {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, username);
      const signIn = (password: string) =>
        cognito.send(
          new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }),
        );
      const fail = async (times: number) => {
        for (let i = 0; i < times; i++) await rejectsWith(signIn(OTHER_PASSWORD), NotAuthorizedException, WRONG);
      };
      return { poolId, clientId, signIn, fail };
    }

    test("five failures lock the user: even the right password then fails with Password attempts exceeded", async () => {
      const { poolId, clientId, signIn, fail } = await setUp("ann");
      await fail(5);
      // The fifth failure locks for one second; the next attempt comes well within it.
      await rejectsWith(signIn(PASSWORD), NotAuthorizedException, LOCKED);
      await rejectsWith(
        cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
            AuthParameters: { USERNAME: "ann", PASSWORD },
          }),
        ),
        NotAuthorizedException,
        LOCKED,
      );
    });

    test("each further failure doubles the lock; attempts during it neither count nor extend it, and it lifts with time", async () => {
      const { signIn, fail } = await setUp("ben");
      await fail(5);
      await fixture.advanceClock(1.5);
      await fail(1); // sixth: 2 s
      await fixture.advanceClock(2.5);
      await fail(1); // seventh: 4 s
      await fixture.advanceClock(4.5);
      await fail(1); // eighth: 8 s
      await rejectsWith(signIn(PASSWORD), NotAuthorizedException, LOCKED);
      await fixture.advanceClock(5);
      // Still locked at 5 s; a wrong password now is refused unchecked and changes nothing.
      await rejectsWith(signIn(OTHER_PASSWORD), NotAuthorizedException, LOCKED);
      await rejectsWith(signIn(PASSWORD), NotAuthorizedException, LOCKED);
      await fixture.advanceClock(3.5);
      const reply = await signIn(PASSWORD);
      assert.ok(reply.AuthenticationResult?.AccessToken);
    });

    test("fewer than five failures do not lock, and a successful sign-in starts the count again", async () => {
      const { signIn, fail } = await setUp("dee");
      await fail(4);
      assert.ok((await signIn(PASSWORD)).AuthenticationResult);
      await fail(4);
      assert.ok((await signIn(PASSWORD)).AuthenticationResult);
    });

    test("failures are forgotten after fifteen minutes without one", async () => {
      const { signIn, fail } = await setUp("eve");
      await fail(4);
      await fixture.advanceClock(15 * 60 + 1);
      await fail(1);
      assert.ok((await signIn(PASSWORD)).AuthenticationResult);
    });

    test("an administrator setting the password lifts the lock", async () => {
      const { poolId, signIn, fail } = await setUp("finn");
      await fail(5);
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: "finn", Password: OTHER_PASSWORD, Permanent: true }));
      assert.ok((await signIn(OTHER_PASSWORD)).AuthenticationResult);
    });

    test("the count belongs to the user, whichever name or client the attempts used", async () => {
      const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
      const first = await fixture.client(poolId);
      const second = await fixture.client(poolId);
      await fixture.confirmedUser(poolId, "gail", [{ Name: "preferred_username", Value: "gg" }]);
      const signIn = (clientId: string, username: string, password: string) =>
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
      for (const [clientId, username] of [
        [first.clientId, "gail"],
        [second.clientId, "gg"],
        [first.clientId, "gg"],
        [second.clientId, "gail"],
        [first.clientId, "gail"],
      ] as const) {
        await rejectsWith(signIn(clientId, username, OTHER_PASSWORD), NotAuthorizedException, WRONG);
      }
      await rejectsWith(signIn(second.clientId, "gg", PASSWORD), NotAuthorizedException, LOCKED);
    });
  });
}
