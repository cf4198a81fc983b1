import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CompleteWebAuthnRegistrationCommand,
  CreateUserPoolDomainCommand,
  DeleteWebAuthnCredentialCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  ListWebAuthnCredentialsCommand,
  LimitExceededException,
  NotAuthorizedException,
  ResourceNotFoundException,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  StartWebAuthnRegistrationCommand,
  WebAuthnChallengeNotFoundException,
  WebAuthnClientMismatchException,
  WebAuthnConfigurationMissingException,
  WebAuthnCredentialNotSupportedException,
  WebAuthnNotEnabledException,
  WebAuthnOriginNotAllowedException,
  WebAuthnRelyingPartyMismatchException,
  type CognitoIdentityProviderClient,
  type UserVerificationType,
} from "@aws-sdk/client-cognito-identity-provider";
import { rejectsWith } from "../helpers/assertions.js";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { PASSWORD, SignInFixture, claimsOf } from "../helpers/signIn.js";
import { SoftwarePasskey } from "../helpers/softwarePasskey.js";
import type { Clock } from "../../src/domain/clock.js";

const RP_ID = "auth.example.com";
const ORIGIN = `https://${RP_ID}`;

for (const backend of backends) {
  describe(`passkeys: registration and WEB_AUTHN sign-in (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let now = new Date("2031-06-01T12:00:00Z");
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    interface Setup {
      UserPoolId: string;
      clientId: string;
      AccessToken: string;
    }

    /** A signed-in user "ana" of an ESSENTIALS pool allowing passkeys (unless told otherwise). */
    async function signedIn(
      settings: { factors?: ("PASSWORD" | "WEB_AUTHN")[]; rpId?: string | null; userVerification?: UserVerificationType } = {},
    ): Promise<Setup> {
      const UserPoolId = await fixture.pool({
        UserPoolTier: "ESSENTIALS",
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: settings.factors ?? ["PASSWORD", "WEB_AUTHN"] } },
      });
      if (settings.rpId !== null) {
        await cognito.send(
          new SetUserPoolMfaConfigCommand({
            UserPoolId,
            WebAuthnConfiguration: { RelyingPartyId: settings.rpId ?? RP_ID, UserVerification: settings.userVerification ?? "required" },
          }),
        );
      }
      const { clientId } = await fixture.client(UserPoolId, {
        ExplicitAuthFlows: ["ALLOW_USER_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      });
      await fixture.confirmedUser(UserPoolId, "ana");
      return { UserPoolId, clientId, AccessToken: await passwordSignIn(clientId) };
    }

    async function passwordSignIn(clientId: string): Promise<string> {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ana", PASSWORD } }),
      );
      return reply.AuthenticationResult!.AccessToken!;
    }

    async function creationOptions(AccessToken: string): Promise<Record<string, any>> {
      return (await cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }))).CredentialCreationOptions as Record<string, any>;
    }

    async function registered(setup: Setup): Promise<SoftwarePasskey> {
      const passkey = new SoftwarePasskey(ORIGIN);
      const Credential = passkey.register(await creationOptions(setup.AccessToken));
      await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: setup.AccessToken, Credential: Credential as never }));
      return passkey;
    }

    async function webAuthnChallenge(clientId: string): Promise<{ Session: string; options: Record<string, any> }> {
      const reply = await cognito.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ana", PREFERRED_CHALLENGE: "WEB_AUTHN" } }),
      );
      assert.equal(reply.ChallengeName, "WEB_AUTHN");
      return { Session: reply.Session!, options: JSON.parse(reply.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) };
    }

    function answer(clientId: string, Session: string, credential: unknown) {
      return cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: "WEB_AUTHN",
          Session,
          ChallengeResponses: { USERNAME: "ana", CREDENTIAL: JSON.stringify(credential) },
        }),
      );
    }

    test("a passkey registered with the creation options signs the user in through USER_AUTH, once per assertion", async () => {
      const setup = await signedIn();
      const options = await creationOptions(setup.AccessToken);
      const sub = claimsOf(setup.AccessToken).sub as string;
      assert.deepEqual(Object.keys(options).sort(), [
        "authenticatorSelection",
        "challenge",
        "excludeCredentials",
        "extensions",
        "pubKeyCredParams",
        "rp",
        "timeout",
        "user",
      ]);
      assert.deepEqual(options.rp, { id: RP_ID, name: RP_ID });
      assert.deepEqual(options.user, { id: Buffer.from(sub).toString("base64url"), name: "ana", displayName: "ana" });
      assert.match(options.challenge, /^[A-Za-z0-9_-]{43}$/);
      assert.deepEqual(options.pubKeyCredParams, [
        { type: "public-key", alg: -7 },
        { type: "public-key", alg: -257 },
      ]);
      assert.deepEqual(options.authenticatorSelection, { residentKey: "required", requireResidentKey: true, userVerification: "required" });
      assert.deepEqual(options.excludeCredentials, []);

      const passkey = new SoftwarePasskey(ORIGIN);
      const Credential = passkey.register(options);
      assert.deepEqual(
        await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: setup.AccessToken, Credential: Credential as never })).then(
          ({ $metadata: _, ...rest }) => rest,
        ),
        {},
      );
      const listed = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: setup.AccessToken }));
      assert.equal(listed.NextToken, undefined);
      assert.deepEqual(listed.Credentials, [
        {
          CredentialId: passkey.id,
          FriendlyCredentialName: "Passkey",
          RelyingPartyId: RP_ID,
          AuthenticatorAttachment: "platform",
          AuthenticatorTransports: ["internal", "hybrid"],
          CreatedAt: now,
        },
      ]);
      // The passkey is now excluded from another registration.
      assert.deepEqual((await creationOptions(setup.AccessToken)).excludeCredentials, [
        { type: "public-key", id: passkey.id, transports: ["internal", "hybrid"] },
      ]);

      const { Session, options: requestOptions } = await webAuthnChallenge(setup.clientId);
      assert.deepEqual(Object.keys(requestOptions).sort(), ["allowCredentials", "challenge", "rpId", "timeout", "userVerification"]);
      assert.equal(requestOptions.rpId, RP_ID);
      assert.equal(requestOptions.userVerification, "required");
      assert.deepEqual(requestOptions.allowCredentials, [{ type: "public-key", id: passkey.id, transports: ["internal", "hybrid"] }]);
      const assertion = passkey.assert(requestOptions);
      const result = await answer(setup.clientId, Session, assertion);
      assert.equal(claimsOf(result.AuthenticationResult!.IdToken).sub, sub);
      assert.ok(result.AuthenticationResult!.RefreshToken);
      // The session is used up, and the same assertion does not answer a new challenge.
      await rejectsWith(answer(setup.clientId, Session, assertion), NotAuthorizedException, "Invalid session for the user, session is expired.");
      const again = await webAuthnChallenge(setup.clientId);
      await rejectsWith(answer(setup.clientId, again.Session, assertion), NotAuthorizedException, "The passkey credential could not be verified.");
    });

    test("an authenticator whose counter goes back (a clone) is refused and changes nothing", async () => {
      const setup = await signedIn();
      const passkey = await registered(setup);
      const first = await webAuthnChallenge(setup.clientId);
      await answer(setup.clientId, first.Session, passkey.assert(first.options));
      passkey.counter = 0;
      const replayed = await webAuthnChallenge(setup.clientId);
      await rejectsWith(
        answer(setup.clientId, replayed.Session, passkey.assert(replayed.options)),
        NotAuthorizedException,
        "The passkey credential could not be verified.",
      );
      // The session survives the refusal: the genuine authenticator may still answer it.
      passkey.counter = 10;
      const ok = await answer(setup.clientId, replayed.Session, passkey.assert(replayed.options));
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    test("SELECT_CHALLENGE offers WEB_AUTHN to a user with a passkey, and choosing it gives the WEB_AUTHN challenge", async () => {
      const setup = await signedIn();
      const select = () =>
        cognito.send(new InitiateAuthCommand({ ClientId: setup.clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ana" } }));
      assert.deepEqual((await select()).AvailableChallenges, ["PASSWORD", "PASSWORD_SRP"]);
      // Without a passkey, preferring WEB_AUTHN falls back to the choice.
      const preferred = await cognito.send(
        new InitiateAuthCommand({ ClientId: setup.clientId, AuthFlow: "USER_AUTH", AuthParameters: { USERNAME: "ana", PREFERRED_CHALLENGE: "WEB_AUTHN" } }),
      );
      assert.equal(preferred.ChallengeName, "SELECT_CHALLENGE");
      const passkey = await registered(setup);
      const choice = await select();
      assert.deepEqual(choice.AvailableChallenges, ["PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"]);
      const chosen = await cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: setup.clientId,
          ChallengeName: "SELECT_CHALLENGE",
          Session: choice.Session!,
          ChallengeResponses: { USERNAME: "ana", ANSWER: "WEB_AUTHN" },
        }),
      );
      assert.equal(chosen.ChallengeName, "WEB_AUTHN");
      const options = JSON.parse(chosen.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!);
      const tokens = await answer(setup.clientId, chosen.Session!, passkey.assert(options));
      assert.ok(tokens.AuthenticationResult?.IdToken);
    });

    test("a bad assertion is one NotAuthorizedException: another origin, another relying party, no user verification, a wrong challenge", async () => {
      const setup = await signedIn();
      const passkey = await registered(setup);
      const { Session, options } = await webAuthnChallenge(setup.clientId);
      const refused = "The passkey credential could not be verified.";
      await rejectsWith(answer(setup.clientId, Session, passkey.assert(options, { origin: "https://evil.example.net" })), NotAuthorizedException, refused);
      await rejectsWith(answer(setup.clientId, Session, passkey.assert(options, { rpId: "example.net" })), NotAuthorizedException, refused);
      await rejectsWith(answer(setup.clientId, Session, passkey.assert(options, { userVerified: false })), NotAuthorizedException, refused);
      await rejectsWith(answer(setup.clientId, Session, passkey.assert(options, { challenge: "AAAA" })), NotAuthorizedException, refused);
      await rejectsWith(answer(setup.clientId, Session, new SoftwarePasskey(ORIGIN).assert(options)), NotAuthorizedException, refused);
      await rejectsWith(
        answer(setup.clientId, Session, { id: "x" }),
        InvalidParameterException,
        "CREDENTIAL is not a valid WebAuthn public-key credential.",
      );
      // A subdomain of the relying party is an allowed origin.
      const ok = await answer(setup.clientId, Session, passkey.assert(options, { origin: `https://app.${RP_ID}` }));
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    test("registration refuses a missing or expired challenge, another client, origin, relying party, and no user verification", async () => {
      const setup = await signedIn();
      const complete = (AccessToken: string, credential: unknown) =>
        cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never }));
      const passkey = new SoftwarePasskey(ORIGIN);
      await rejectsWith(
        complete(setup.AccessToken, passkey.register({ rp: { id: RP_ID }, challenge: "AAAA" })),
        WebAuthnChallengeNotFoundException,
        "The passkey registration challenge was not found or has expired.",
      );
      const options = await creationOptions(setup.AccessToken);
      await rejectsWith(
        complete(setup.AccessToken, passkey.register(options, { origin: "https://auth.example.com.evil.net" })),
        WebAuthnOriginNotAllowedException,
        "The passkey credential's origin is not allowed for this relying party.",
      );
      await rejectsWith(
        complete(setup.AccessToken, passkey.register(options, { origin: `http://${RP_ID}` })),
        WebAuthnOriginNotAllowedException,
        "The passkey credential's origin is not allowed for this relying party.",
      );
      await rejectsWith(
        complete(setup.AccessToken, passkey.register(options, { rpId: "example.net" })),
        WebAuthnRelyingPartyMismatchException,
        "The passkey credential is for a different relying party.",
      );
      await rejectsWith(
        complete(setup.AccessToken, passkey.register(options, { userVerified: false })),
        WebAuthnCredentialNotSupportedException,
        "The passkey credential is not supported.",
      );
      await rejectsWith(
        complete(setup.AccessToken, passkey.register(options, { challenge: "AAAA" })),
        WebAuthnChallengeNotFoundException,
        "The passkey registration challenge was not found or has expired.",
      );
      await rejectsWith(
        complete(setup.AccessToken, { id: "x", type: "public-key", response: {} }),
        InvalidParameterException,
        "Credential is not a valid WebAuthn public-key credential.",
      );
      const { clientId: otherClient } = await fixture.client(setup.UserPoolId);
      await rejectsWith(
        complete(await passwordSignIn(otherClient), passkey.register(options)),
        WebAuthnClientMismatchException,
        "The access token is for a different app client than the one that started the passkey registration.",
      );
      // None of the refusals used the challenge up; it lasts five minutes.
      now = new Date(now.getTime() + 299_000);
      await complete(setup.AccessToken, passkey.register(options));
      const second = new SoftwarePasskey(ORIGIN);
      const later = await creationOptions(setup.AccessToken);
      now = new Date(now.getTime() + 300_000);
      await rejectsWith(
        complete(await passwordSignIn(setup.clientId), second.register(later)),
        WebAuthnChallengeNotFoundException,
        "The passkey registration challenge was not found or has expired.",
      );
      assert.equal((await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: await passwordSignIn(setup.clientId) }))).Credentials!.length, 1);
    });

    test("a pool must allow passkeys and have a relying party: its id, else its domain", async () => {
      const notAllowed = await signedIn({ factors: ["PASSWORD"] });
      await rejectsWith(
        creationOptions(notAllowed.AccessToken),
        WebAuthnNotEnabledException,
        "Passkey sign-in is not enabled for this user pool.",
      );
      const noParty = await signedIn({ rpId: null });
      await rejectsWith(
        creationOptions(noParty.AccessToken),
        WebAuthnConfigurationMissingException,
        "The user pool has no passkey relying party id and no domain to use as one.",
      );
      const prefix = `passkeys-${backend}-${Date.now()}`;
      await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: noParty.UserPoolId, Domain: prefix }));
      const options = await creationOptions(noParty.AccessToken);
      const region = noParty.UserPoolId.split("_")[0];
      assert.deepEqual(options.rp, { id: `${prefix}.auth.${region}.amazoncognito.com`, name: `${prefix}.auth.${region}.amazoncognito.com` });
      // Without a WebAuthnConfiguration, user verification is preferred.
      assert.equal(options.authenticatorSelection.userVerification, "preferred");
      const passkey = new SoftwarePasskey(`https://${options.rp.id}`);
      await cognito.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: noParty.AccessToken, Credential: passkey.register(options, { userVerified: false }) as never }),
      );
      const { Session, options: requestOptions } = await webAuthnChallenge(noParty.clientId);
      assert.equal(requestOptions.userVerification, "preferred");
      const tokens = await answer(noParty.clientId, Session, passkey.assert(requestOptions, { userVerified: false }));
      assert.ok(tokens.AuthenticationResult?.AccessToken);
    });

    test("ListWebAuthnCredentials pages; DeleteWebAuthnCredential removes only the user's own passkey", async () => {
      const setup = await signedIn();
      const passkeys = [await registered(setup), await registered(setup), await registered(setup)];
      const first = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: setup.AccessToken, MaxResults: 2 }));
      assert.deepEqual(first.Credentials!.map((credential) => credential.CredentialId), passkeys.slice(0, 2).map((passkey) => passkey.id));
      const rest = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: setup.AccessToken, MaxResults: 2, NextToken: first.NextToken! }));
      assert.deepEqual(rest.Credentials!.map((credential) => credential.CredentialId), [passkeys[2]!.id]);
      assert.equal(rest.NextToken, undefined);

      const other = await signedIn();
      await rejectsWith(
        cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: other.AccessToken, CredentialId: passkeys[0]!.id })),
        ResourceNotFoundException,
        "Credential not found.",
      );
      await cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: setup.AccessToken, CredentialId: passkeys[0]!.id }));
      await rejectsWith(
        cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: setup.AccessToken, CredentialId: passkeys[0]!.id })),
        ResourceNotFoundException,
        "Credential not found.",
      );
      const left = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: setup.AccessToken }));
      assert.deepEqual(left.Credentials!.map((credential) => credential.CredentialId), passkeys.slice(1).map((passkey) => passkey.id));
      // A deleted passkey no longer signs in.
      const { Session, options } = await webAuthnChallenge(setup.clientId);
      await rejectsWith(answer(setup.clientId, Session, passkeys[0]!.assert(options)), NotAuthorizedException, "The passkey credential could not be verified.");
    });

    test("a user has at most 20 passkeys: StartWebAuthnRegistration refuses the 21st until one is deleted", async () => {
      const setup = await signedIn();
      const passkeys: SoftwarePasskey[] = [];
      for (let count = 0; count < 20; count += 1) passkeys.push(await registered(setup));
      await rejectsWith(creationOptions(setup.AccessToken), LimitExceededException, "A user can have at most 20 passkeys. Delete one before registering another.");
      await cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: setup.AccessToken, CredentialId: passkeys[0]!.id }));
      const options = await creationOptions(setup.AccessToken);
      assert.equal(options.excludeCredentials.length, 19);
      await cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: setup.AccessToken, Credential: new SoftwarePasskey(ORIGIN).register(options) as never }));
      const listed = await cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken: setup.AccessToken }));
      assert.equal(listed.Credentials!.length, 20);
    });
  });
}
