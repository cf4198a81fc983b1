import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  NotAuthorizedException,
  PasswordResetRequiredException,
  RespondToAuthChallengeCommand,
  UserNotConfirmedException,
  UserNotFoundException,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
  type ExplicitAuthFlowsType,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { claimsOf, OTHER_PASSWORD, PASSWORD, secretHash, SignInFixture, TEMPORARY_PASSWORD } from "../helpers/signIn.js";
import { cognitoTimestamp, N_HEX, SrpClient } from "./signInSrp.helpers.js";

const WRONG = "Incorrect username or password.";
const LOCKED = "Password attempts exceeded";
const SRP_FLOWS: ExplicitAuthFlowsType[] = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

for (const backend of backends) {
  describe(`sign-in with SRP and choice-based sign-in (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    const srpClient = (poolId: string, settings: Partial<CreateUserPoolClientRequest> = {}) =>
      fixture.client(poolId, { ExplicitAuthFlows: SRP_FLOWS, ...settings });
    const initiate = (clientId: string, parameters: Record<string, string>) =>
      cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_SRP_AUTH", AuthParameters: parameters }));
    const verify = (clientId: string, responses: Record<string, string>) =>
      cognito.send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "PASSWORD_VERIFIER", ChallengeResponses: responses }));
    /** The whole SRP exchange, as an SRP client library runs it. */
    async function srpSignIn(poolId: string, clientId: string, username: string, password: string) {
      const srp = new SrpClient(poolId);
      const challenge = await initiate(clientId, { USERNAME: username, SRP_A: srp.srpA });
      return verify(clientId, srp.answer(challenge.ChallengeParameters, password));
    }

    describe("USER_SRP_AUTH", () => {
      test("PASSWORD_VERIFIER carries SALT, SRP_B, a SECRET_BLOCK and the internal username, no Session; the proof earns tokens", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "alice", [{ Name: "email", Value: "alice@example.com" }]);
        const srp = new SrpClient(poolId);
        const challenge = await initiate(clientId, { USERNAME: "alice", SRP_A: srp.srpA });
        assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
        assert.equal(challenge.Session, undefined);
        const parameters = challenge.ChallengeParameters!;
        assert.deepEqual(Object.keys(parameters).sort(), ["SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"]);
        assert.equal(parameters.USERNAME, "alice");
        assert.equal(parameters.USER_ID_FOR_SRP, "alice");
        assert.match(parameters.SALT!, /^[1-9a-f][0-9a-f]*$/);
        assert.match(parameters.SRP_B!, /^[1-9a-f][0-9a-f]*$/);
        assert.match(parameters.SECRET_BLOCK!, /^[A-Za-z0-9+/]{100,}={0,2}$/);

        const reply = await verify(clientId, srp.answer(parameters, PASSWORD));
        assert.equal(reply.ChallengeName, undefined);
        assert.equal(reply.Session, undefined);
        assert.deepEqual(reply.ChallengeParameters, {});
        assert.equal(reply.AuthenticationResult!.TokenType, "Bearer");
        assert.ok(reply.AuthenticationResult!.RefreshToken);
        const id = claimsOf(reply.AuthenticationResult!.IdToken);
        assert.equal(id["cognito:username"], "alice");
        assert.equal(id.email, "alice@example.com");
        assert.equal(claimsOf(reply.AuthenticationResult!.AccessToken).client_id, clientId);
      });

      test("AdminInitiateAuth starts it as well, and AdminRespondToAuthChallenge takes the proof", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "abe");
        const srp = new SrpClient(poolId);
        const challenge = await cognito.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: "USER_SRP_AUTH",
            AuthParameters: { USERNAME: "abe", SRP_A: srp.srpA },
          }),
        );
        assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
        const reply = await cognito.send(
          new AdminRespondToAuthChallengeCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            ChallengeName: "PASSWORD_VERIFIER",
            ChallengeResponses: srp.answer(challenge.ChallengeParameters, PASSWORD),
          }),
        );
        assert.equal(claimsOf(reply.AuthenticationResult!.AccessToken).username, "abe");
      });

      test("a client with Cognito's default flows allows SRP; one without ALLOW_USER_SRP_AUTH refuses it", async () => {
        const poolId = await fixture.pool();
        const defaults = await fixture.client(poolId, { ExplicitAuthFlows: undefined });
        await fixture.confirmedUser(poolId, "ada");
        assert.ok((await srpSignIn(poolId, defaults.clientId, "ada", PASSWORD)).AuthenticationResult);
        const passwordOnly = await fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] });
        await rejectsWith(
          initiate(passwordOnly.clientId, { USERNAME: "ada", SRP_A: new SrpClient(poolId).srpA }),
          InvalidParameterException,
          "USER_SRP_AUTH is not enabled for the client.",
        );
      });

      test("an alias typed gets the internal username to prove against; the sub is no name for SRP", async () => {
        const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "carol", [{ Name: "preferred_username", Value: "caz" }]);
        const srp = new SrpClient(poolId);
        const challenge = await initiate(clientId, { USERNAME: "caz", SRP_A: srp.srpA });
        assert.equal(challenge.ChallengeParameters!.USER_ID_FOR_SRP, "carol");
        assert.equal(challenge.ChallengeParameters!.USERNAME, "carol");
        const reply = await verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD));
        const sub = claimsOf(reply.AuthenticationResult!.IdToken).sub as string;
        await rejectsWith(initiate(clientId, { USERNAME: sub, SRP_A: srp.srpA }), UserNotFoundException, "User does not exist.");
      });

      test("in a pool whose users sign in with their email, USER_ID_FOR_SRP is the UUID username", async () => {
        const poolId = await fixture.pool({ UsernameAttributes: ["email"] });
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "dora@example.com");
        const srp = new SrpClient(poolId);
        const challenge = await initiate(clientId, { USERNAME: "dora@example.com", SRP_A: srp.srpA });
        const userId = challenge.ChallengeParameters!.USER_ID_FOR_SRP!;
        assert.match(userId, UUID);
        const reply = await verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD));
        assert.equal(claimsOf(reply.AuthenticationResult!.IdToken).sub, userId);
      });

      test("a wrong password fails at the verifier as a wrong password does, and counts toward the lockout", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "ben");
        for (let i = 0; i < 5; i++) await rejectsWith(srpSignIn(poolId, clientId, "ben", OTHER_PASSWORD), NotAuthorizedException, WRONG);
        await rejectsWith(
          cognito.send(
            new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ben", PASSWORD } }),
          ),
          NotAuthorizedException,
          LOCKED,
        );
        await rejectsWith(initiate(clientId, { USERNAME: "ben", SRP_A: new SrpClient(poolId).srpA }), NotAuthorizedException, LOCKED);
      });

      test("a correct proof clears the failures counted by either flow", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "bo");
        const passwordSignIn = (password: string) =>
          cognito.send(
            new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "bo", PASSWORD: password } }),
          );
        for (let i = 0; i < 4; i++) await rejectsWith(passwordSignIn(OTHER_PASSWORD), NotAuthorizedException, WRONG);
        assert.ok((await srpSignIn(poolId, clientId, "bo", PASSWORD)).AuthenticationResult);
        // Four more failures would lock had the first four still counted.
        for (let i = 0; i < 4; i++) await rejectsWith(srpSignIn(poolId, clientId, "bo", OTHER_PASSWORD), NotAuthorizedException, WRONG);
        assert.ok((await passwordSignIn(PASSWORD)).AuthenticationResult);
      });

      test("a temporary password proven by SRP leads to NEW_PASSWORD_REQUIRED, answered with its Session", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.invitedUser(poolId, "tess", [{ Name: "email", Value: "tess@example.com" }]);
        const challenge = await srpSignIn(poolId, clientId, "tess", TEMPORARY_PASSWORD);
        assert.equal(challenge.ChallengeName, "NEW_PASSWORD_REQUIRED");
        assert.equal(challenge.ChallengeParameters!.USER_ID_FOR_SRP, "tess");
        assert.deepEqual(JSON.parse(challenge.ChallengeParameters!.userAttributes!), { email: "tess@example.com" });
        const done = await cognito.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: "NEW_PASSWORD_REQUIRED",
            Session: challenge.Session,
            ChallengeResponses: { USERNAME: "tess", NEW_PASSWORD: PASSWORD },
          }),
        );
        assert.ok(done.AuthenticationResult?.AccessToken);
        assert.ok((await srpSignIn(poolId, clientId, "tess", PASSWORD)).AuthenticationResult);
        await rejectsWith(srpSignIn(poolId, clientId, "tess", TEMPORARY_PASSWORD), NotAuthorizedException, WRONG);
      });

      test("the user's state speaks as in the password flows: disabled after the proof, unconfirmed or reset before it", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "dan");
        await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "dan" }));
        await rejectsWith(srpSignIn(poolId, clientId, "dan", PASSWORD), NotAuthorizedException, "User is disabled.");

        await fixture.confirmedUser(poolId, "una");
        await fixture.setStatus(poolId, "una", "UNCONFIRMED");
        await rejectsWith(
          initiate(clientId, { USERNAME: "una", SRP_A: new SrpClient(poolId).srpA }),
          UserNotConfirmedException,
          "User is not confirmed.",
        );

        await fixture.confirmedUser(poolId, "rita");
        await fixture.setStatus(poolId, "rita", "RESET_REQUIRED");
        await rejectsWith(
          initiate(clientId, { USERNAME: "rita", SRP_A: new SrpClient(poolId).srpA }),
          PasswordResetRequiredException,
          "Password reset required for the user",
        );
      });

      test("with a client secret, SECRET_HASH goes over the name typed to start and over USER_ID_FOR_SRP to answer", async () => {
        const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
        const { clientId, secret } = await srpClient(poolId, { GenerateSecret: true });
        await fixture.confirmedUser(poolId, "sam", [{ Name: "preferred_username", Value: "sammy" }]);
        const srp = new SrpClient(poolId);
        await rejectsWith(
          initiate(clientId, { USERNAME: "sammy", SRP_A: srp.srpA }),
          NotAuthorizedException,
          `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
        );
        const challenge = await initiate(clientId, { USERNAME: "sammy", SRP_A: srp.srpA, SECRET_HASH: secretHash(secret!, "sammy", clientId) });
        const answer = srp.answer(challenge.ChallengeParameters, PASSWORD);
        await rejectsWith(
          verify(clientId, answer),
          NotAuthorizedException,
          `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
        );
        await rejectsWith(
          verify(clientId, { ...answer, SECRET_HASH: secretHash(secret!, "sammy", clientId) }),
          NotAuthorizedException,
          `Unable to verify secret hash for client ${clientId}`,
        );
        // Refused SECRET_HASHes used nothing up: the same proof still goes through.
        const reply = await verify(clientId, { ...answer, SECRET_HASH: secretHash(secret!, "sam", clientId) });
        assert.ok(reply.AuthenticationResult?.IdToken);
      });

      test("USERNAME and SRP_A are required, and SRP_A must be a value 0 < A < N in hex", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "val");
        await rejectsWith(initiate(clientId, { USERNAME: "val" }), InvalidParameterException, "Missing required parameter SRP_A");
        await rejectsWith(
          initiate(clientId, { SRP_A: new SrpClient(poolId).srpA }),
          InvalidParameterException,
          "Missing required parameter USERNAME",
        );
        for (const srpA of ["0", "000", N_HEX, `${N_HEX}00`, "not-hex"]) {
          await rejectsWith(
            initiate(clientId, { USERNAME: "val", SRP_A: srpA }),
            InvalidParameterException,
            "SRP_A is not a valid SRP value.",
          );
        }
      });

      test("each answer field is required", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "fay");
        const srp = new SrpClient(poolId);
        const answer = srp.answer((await initiate(clientId, { USERNAME: "fay", SRP_A: srp.srpA })).ChallengeParameters, PASSWORD);
        for (const name of ["USERNAME", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE"] as const) {
          const { [name]: _left, ...rest } = answer;
          await rejectsWith(verify(clientId, rest), InvalidParameterException, `Missing required parameter ${name}`);
        }
        assert.ok((await verify(clientId, answer)).AuthenticationResult);
      });

      test("a SECRET_BLOCK allows one proof: a wrong proof uses it up, and so does a right one", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "gil");
        const srp = new SrpClient(poolId);
        const challenge = await initiate(clientId, { USERNAME: "gil", SRP_A: srp.srpA });
        await rejectsWith(verify(clientId, srp.answer(challenge.ChallengeParameters, OTHER_PASSWORD)), NotAuthorizedException, WRONG);
        await rejectsWith(verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD)), NotAuthorizedException, WRONG);

        const fresh = new SrpClient(poolId);
        const next = await initiate(clientId, { USERNAME: "gil", SRP_A: fresh.srpA });
        const answer = fresh.answer(next.ChallengeParameters, PASSWORD);
        assert.ok((await verify(clientId, answer)).AuthenticationResult);
        await rejectsWith(verify(clientId, answer), NotAuthorizedException, WRONG);
      });

      test("a SECRET_BLOCK belongs to its client and to the user it was given for", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        const other = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "hal");
        await fixture.confirmedUser(poolId, "ivy");
        const srp = new SrpClient(poolId);
        const challenge = await initiate(clientId, { USERNAME: "hal", SRP_A: srp.srpA });
        await rejectsWith(verify(other.clientId, srp.answer(challenge.ChallengeParameters, PASSWORD)), NotAuthorizedException, WRONG);

        const again = new SrpClient(poolId);
        const second = await initiate(clientId, { USERNAME: "hal", SRP_A: again.srpA });
        const answer = again.answer(second.ChallengeParameters, PASSWORD);
        await rejectsWith(verify(clientId, { ...answer, USERNAME: "ivy" }), NotAuthorizedException, WRONG);
      });

      test("a malformed TIMESTAMP is refused in Cognito's words and changes nothing; one too far from now fails as a wrong password", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "jo");
        const srp = new SrpClient(poolId);
        const challenge = await initiate(clientId, { USERNAME: "jo", SRP_A: srp.srpA });
        for (const timestamp of ["2026-09-05T09:03:07Z", "Sat Sep 5 09:03:07 2026", "Mon Feb 12 15:26:37 +05:30 2018"]) {
          await rejectsWith(
            verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD, { timestamp })),
            InvalidParameterException,
            "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
          );
        }
        assert.ok((await verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD))).AuthenticationResult);

        const late = new SrpClient(poolId);
        const next = await initiate(clientId, { USERNAME: "jo", SRP_A: late.srpA });
        const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
        await rejectsWith(
          verify(clientId, late.answer(next.ChallengeParameters, PASSWORD, { now: tenMinutesAgo })),
          NotAuthorizedException,
          WRONG,
        );
      });

      test("a SECRET_BLOCK lasts the client's AuthSessionValidity, while the client keeps signing with its own clock", async () => {
        const poolId = await fixture.pool();
        const short = await srpClient(poolId);
        const long = await srpClient(poolId, { AuthSessionValidity: 15 });
        await fixture.confirmedUser(poolId, "kim");
        const early = new SrpClient(poolId);
        const expiring = await initiate(short.clientId, { USERNAME: "kim", SRP_A: early.srpA });
        const patient = new SrpClient(poolId);
        const lasting = await initiate(long.clientId, { USERNAME: "kim", SRP_A: patient.srpA });
        await fixture.advanceClock(4 * 60);
        await rejectsWith(verify(short.clientId, early.answer(expiring.ChallengeParameters, PASSWORD)), NotAuthorizedException, WRONG);
        assert.ok((await verify(long.clientId, patient.answer(lasting.ChallengeParameters, PASSWORD))).AuthenticationResult);
      });

      test("an expired temporary password is refused after the proof, though the server's clock is days ahead of the client's", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.invitedUser(poolId, "lou");
        await fixture.advanceClock(8 * 86_400);
        await rejectsWith(
          srpSignIn(poolId, clientId, "lou", TEMPORARY_PASSWORD),
          NotAuthorizedException,
          "Temporary password has expired and must be reset by an administrator.",
        );
      });

      test("the TIMESTAMP's day of the month must not be zero-padded, and the server's own clock is also accepted", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "max");
        // Move the server's clock to a day from 1 to 9 (if it is not on one), then sign with the server's time.
        let serverNow = await serverClock();
        if (serverNow.getUTCDate() > 8) {
          const firstOfNextMonth = Date.UTC(serverNow.getUTCFullYear(), serverNow.getUTCMonth() + 1, 2, 12);
          await fixture.advanceClock((firstOfNextMonth - serverNow.getTime()) / 1000);
          serverNow = await serverClock();
        }
        const day = serverNow.getUTCDate();
        assert.ok(day < 10);
        const canonical = cognitoTimestamp(serverNow);
        const padded = canonical.replace(` ${day} `, ` 0${day} `);
        assert.notEqual(padded, canonical);

        const srp = new SrpClient(poolId);
        const challenge = await initiate(clientId, { USERNAME: "max", SRP_A: srp.srpA });
        await rejectsWith(
          verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD, { timestamp: padded })),
          NotAuthorizedException,
          WRONG,
        );
        const again = new SrpClient(poolId);
        const next = await initiate(clientId, { USERNAME: "max", SRP_A: again.srpA });
        assert.ok((await verify(clientId, again.answer(next.ChallengeParameters, PASSWORD, { timestamp: canonical }))).AuthenticationResult);
      });

      test("behind PreventUserExistenceErrors an unknown name gets a stable salt and UUID, and fails only at the verifier", async () => {
        const poolId = await fixture.pool({ UsernameConfiguration: { CaseSensitive: false } });
        const hiding = await srpClient(poolId, { PreventUserExistenceErrors: "ENABLED" });
        const legacy = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "real");
        const first = new SrpClient(poolId);
        const one = (await initiate(hiding.clientId, { USERNAME: "ghost", SRP_A: first.srpA })).ChallengeParameters!;
        const two = (await initiate(hiding.clientId, { USERNAME: "GHOST", SRP_A: new SrpClient(poolId).srpA })).ChallengeParameters!;
        const other = (await initiate(hiding.clientId, { USERNAME: "phantom", SRP_A: new SrpClient(poolId).srpA })).ChallengeParameters!;
        assert.match(one.USER_ID_FOR_SRP!, UUID);
        assert.equal(one.USERNAME, one.USER_ID_FOR_SRP);
        assert.equal(two.USER_ID_FOR_SRP, one.USER_ID_FOR_SRP);
        assert.equal(two.SALT, one.SALT);
        assert.notEqual(two.SRP_B, one.SRP_B);
        assert.notEqual(two.SECRET_BLOCK, one.SECRET_BLOCK);
        assert.notEqual(other.USER_ID_FOR_SRP, one.USER_ID_FOR_SRP);
        assert.notEqual(other.SALT, one.SALT);
        assert.match(one.SALT!, /^[0-9a-f]+$/);
        await rejectsWith(verify(hiding.clientId, first.answer(one, PASSWORD)), NotAuthorizedException, WRONG);

        await rejectsWith(
          initiate(legacy.clientId, { USERNAME: "ghost", SRP_A: new SrpClient(poolId).srpA }),
          UserNotFoundException,
          "User does not exist.",
        );
        // A real user's challenge behind the same setting is the real one.
        assert.ok((await srpSignIn(poolId, hiding.clientId, "real", PASSWORD)).AuthenticationResult);
      });
    });

    describe("USER_AUTH", () => {
      const choiceClient = (poolId: string, settings: Partial<CreateUserPoolClientRequest> = {}) =>
        fixture.client(poolId, { ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], ...settings });
      const choose = (clientId: string, parameters: Record<string, string>) =>
        cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_AUTH", AuthParameters: parameters }));
      const select = (clientId: string, session: string | undefined, responses: Record<string, string>) =>
        cognito.send(
          new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: "SELECT_CHALLENGE", Session: session, ChallengeResponses: responses }),
        );

      test("PREFERRED_CHALLENGE PASSWORD signs in with the PASSWORD given, as USER_PASSWORD_AUTH does", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await choiceClient(poolId);
        await fixture.confirmedUser(poolId, "nia");
        const reply = await choose(clientId, { USERNAME: "nia", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD });
        assert.deepEqual(reply.ChallengeParameters, {});
        assert.equal(claimsOf(reply.AuthenticationResult!.IdToken)["cognito:username"], "nia");
        await rejectsWith(
          choose(clientId, { USERNAME: "nia", PREFERRED_CHALLENGE: "PASSWORD", PASSWORD: OTHER_PASSWORD }),
          NotAuthorizedException,
          WRONG,
        );
        await rejectsWith(
          choose(clientId, { USERNAME: "nia", PREFERRED_CHALLENGE: "PASSWORD" }),
          InvalidParameterException,
          "Missing required parameter PASSWORD",
        );
      });

      test("PREFERRED_CHALLENGE PASSWORD_SRP with SRP_A answers PASSWORD_VERIFIER", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await choiceClient(poolId);
        await fixture.confirmedUser(poolId, "oz");
        const srp = new SrpClient(poolId);
        const challenge = await choose(clientId, { USERNAME: "oz", PREFERRED_CHALLENGE: "PASSWORD_SRP", SRP_A: srp.srpA });
        assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
        assert.equal(challenge.ChallengeParameters!.USER_ID_FOR_SRP, "oz");
        const reply = await verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD));
        assert.equal(claimsOf(reply.AuthenticationResult!.AccessToken).username, "oz");
        await rejectsWith(
          choose(clientId, { USERNAME: "oz", PREFERRED_CHALLENGE: "PASSWORD_SRP" }),
          InvalidParameterException,
          "Missing required parameter SRP_A",
        );
      });

      test("without a preference the reply is SELECT_CHALLENGE: a Session and the challenges available; ANSWER PASSWORD completes it", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await choiceClient(poolId);
        await fixture.confirmedUser(poolId, "pat");
        for (const parameters of [{ USERNAME: "pat" }, { USERNAME: "pat", PREFERRED_CHALLENGE: "EMAIL_OTP" }] as Record<string, string>[]) {
          const reply = await choose(clientId, parameters);
          assert.equal(reply.ChallengeName, "SELECT_CHALLENGE");
          assert.deepEqual(reply.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
          assert.match(reply.Session!, /^AYABe/);
          assert.equal(reply.AuthenticationResult, undefined);
        }
        const { Session } = await choose(clientId, { USERNAME: "pat" });
        const done = await select(clientId, Session, { USERNAME: "pat", ANSWER: "PASSWORD", PASSWORD });
        assert.equal(claimsOf(done.AuthenticationResult!.IdToken)["cognito:username"], "pat");
        await rejectsWith(
          select(clientId, Session, { USERNAME: "pat", ANSWER: "PASSWORD", PASSWORD }),
          NotAuthorizedException,
          "Invalid session for the user, session is expired.",
        );
      });

      test("ANSWER PASSWORD_SRP with SRP_A leads to PASSWORD_VERIFIER; a wrong password after ANSWER PASSWORD counts like any other", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await choiceClient(poolId);
        await fixture.confirmedUser(poolId, "quin");
        const srp = new SrpClient(poolId);
        const { Session } = await choose(clientId, { USERNAME: "quin" });
        const challenge = await select(clientId, Session, { USERNAME: "quin", ANSWER: "PASSWORD_SRP", SRP_A: srp.srpA });
        assert.equal(challenge.ChallengeName, "PASSWORD_VERIFIER");
        assert.ok((await verify(clientId, srp.answer(challenge.ChallengeParameters, PASSWORD))).AuthenticationResult);

        for (let i = 0; i < 5; i++) {
          const { Session: next } = await choose(clientId, { USERNAME: "quin" });
          await rejectsWith(
            select(clientId, next, { USERNAME: "quin", ANSWER: "PASSWORD", PASSWORD: OTHER_PASSWORD }),
            NotAuthorizedException,
            WRONG,
          );
        }
        const { Session: locked } = await choose(clientId, { USERNAME: "quin" });
        await rejectsWith(select(clientId, locked, { USERNAME: "quin", ANSWER: "PASSWORD", PASSWORD }), NotAuthorizedException, LOCKED);
      });

      test("a bad answer is refused and leaves the session usable; the session belongs to its user", async () => {
        const poolId = await fixture.pool({ AliasAttributes: ["preferred_username"] });
        const { clientId } = await choiceClient(poolId);
        await fixture.confirmedUser(poolId, "rae", [{ Name: "preferred_username", Value: "ray" }]);
        await fixture.confirmedUser(poolId, "sol");
        const { Session } = await choose(clientId, { USERNAME: "ray" });
        await rejectsWith(
          select(clientId, Session, { USERNAME: "ray", ANSWER: "SMS_OTP" }),
          InvalidParameterException,
          "ANSWER must name one of the available challenges: PASSWORD, PASSWORD_SRP.",
        );
        await rejectsWith(
          select(clientId, Session, { USERNAME: "ray", ANSWER: "PASSWORD" }),
          InvalidParameterException,
          "Missing required parameter PASSWORD",
        );
        await rejectsWith(select(clientId, Session, { USERNAME: "ray" }), InvalidParameterException, "Missing required parameter ANSWER");
        await rejectsWith(
          select(clientId, undefined, { USERNAME: "ray", ANSWER: "PASSWORD", PASSWORD }),
          InvalidParameterException,
          "Missing required parameter Session",
        );
        await rejectsWith(
          select(clientId, Session, { USERNAME: "sol", ANSWER: "PASSWORD", PASSWORD }),
          NotAuthorizedException,
          "Invalid session for the user, session is expired.",
        );
        // Another name of the same user answers.
        assert.ok((await select(clientId, Session, { USERNAME: "rae", ANSWER: "PASSWORD", PASSWORD })).AuthenticationResult);
      });

      test("needs ALLOW_USER_AUTH on the client and an ESSENTIALS or PLUS pool", async () => {
        const poolId = await fixture.pool();
        const { clientId } = await srpClient(poolId);
        await fixture.confirmedUser(poolId, "tia");
        await rejectsWith(choose(clientId, { USERNAME: "tia" }), InvalidParameterException, "Auth flow not enabled for this client");

        const lite = await fixture.pool({ UserPoolTier: "LITE" });
        const liteClient = await choiceClient(lite);
        await fixture.confirmedUser(lite, "tia");
        await rejectsWith(
          choose(liteClient.clientId, { USERNAME: "tia" }),
          InvalidParameterException,
          "The USER_AUTH flow is not available in the LITE tier: use the ESSENTIALS or PLUS tier.",
        );
        const plus = await fixture.pool({ UserPoolTier: "PLUS" });
        const plusClient = await choiceClient(plus);
        await fixture.confirmedUser(plus, "tia");
        assert.equal((await choose(plusClient.clientId, { USERNAME: "tia" })).ChallengeName, "SELECT_CHALLENGE");
      });

      test("an unknown name is UserNotFoundException, or behind PreventUserExistenceErrors a choice that fails like a wrong password", async () => {
        const poolId = await fixture.pool();
        const legacy = await choiceClient(poolId);
        const hiding = await choiceClient(poolId, { PreventUserExistenceErrors: "ENABLED" });
        await rejectsWith(choose(legacy.clientId, { USERNAME: "nobody" }), UserNotFoundException, "User does not exist.");

        const offered = await choose(hiding.clientId, { USERNAME: "nobody" });
        assert.equal(offered.ChallengeName, "SELECT_CHALLENGE");
        assert.deepEqual(offered.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
        await rejectsWith(
          select(hiding.clientId, offered.Session, { USERNAME: "nobody", ANSWER: "PASSWORD", PASSWORD }),
          NotAuthorizedException,
          WRONG,
        );

        const srp = new SrpClient(poolId);
        const again = await choose(hiding.clientId, { USERNAME: "nobody" });
        const challenge = await select(hiding.clientId, again.Session, { USERNAME: "nobody", ANSWER: "PASSWORD_SRP", SRP_A: srp.srpA });
        assert.match(challenge.ChallengeParameters!.USER_ID_FOR_SRP!, UUID);
        await rejectsWith(verify(hiding.clientId, srp.answer(challenge.ChallengeParameters, PASSWORD)), NotAuthorizedException, WRONG);
      });
    });

    async function serverClock(): Promise<Date> {
      const response = await fetch(`${cognate.url}/_cognate/clock`);
      const { now } = (await response.json()) as { now: number };
      return new Date(Math.floor(now) * 1000);
    }
  });
}
