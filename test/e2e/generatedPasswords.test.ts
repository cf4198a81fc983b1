import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  InitiateAuthCommand,
  type CognitoIdentityProviderClient,
  type PasswordPolicyType,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { outboxOf } from "../helpers/codes.js";
import { SignInFixture } from "../helpers/signIn.js";

// docs/behaviour.md#generated-temporary-passwords: letters and digits without 0 O I l, and symbols that
// cannot pass for the sentence around them.
const READABLE = /^[A-HJ-NP-Za-km-z1-9#$%+\-=@^]+$/;

const POLICIES: [string, PasswordPolicyType | undefined][] = [
  ["no policy (Cognito's default)", undefined],
  ["every class, the longest minimum", { MinimumLength: 99, RequireUppercase: true, RequireLowercase: true, RequireNumbers: true, RequireSymbols: true }],
  ["no class, the shortest minimum", { MinimumLength: 6, RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: false }],
  ["symbols only", { MinimumLength: 10, RequireUppercase: false, RequireLowercase: false, RequireNumbers: false, RequireSymbols: true }],
  ["uppercase and numbers", { MinimumLength: 8, RequireUppercase: true, RequireLowercase: false, RequireNumbers: true, RequireSymbols: false }],
];

for (const backend of backends) {
  describe(`generated temporary passwords, through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    before(async () => {
      cognate = await startCognate({ backend });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    for (const [name, policy] of POLICIES) {
      test(`with ${name}: the invitation's password reads plainly in its sentence and signs the user in`, async () => {
        const poolId = await fixture.pool(policy === undefined ? {} : { Policies: { PasswordPolicy: policy } });
        const { clientId } = await fixture.client(poolId);
        for (const username of ["ann", "bob", "cleo"]) {
          await cognito.send(
            new AdminCreateUserCommand({ UserPoolId: poolId, Username: username, UserAttributes: [{ Name: "email", Value: `${username}@example.com` }] }),
          );
          const [invitation, ...others] = await outboxOf(cognate, poolId, username);
          assert.equal(others.length, 0);
          assert.equal(invitation!.kind, "invitation");
          const password = invitation!.code!;
          assert.equal(invitation!.body, `Your username is ${username} and temporary password is ${password}.`);
          assert.match(password, READABLE);
          assert.equal(password.length, Math.max(policy?.MinimumLength ?? 8, 8));

          const reply = await cognito.send(
            new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }),
          );
          assert.equal(reply.ChallengeName, "NEW_PASSWORD_REQUIRED");
          const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
          assert.equal(user.UserStatus, "FORCE_CHANGE_PASSWORD");
        }
      });
    }
  });
}
