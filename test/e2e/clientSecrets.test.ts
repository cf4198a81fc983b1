import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  AddUserPoolClientSecretCommand,
  DeleteUserPoolClientSecretCommand,
  DescribeUserPoolClientCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  InvalidParameterException,
  LimitExceededException,
  ListUserPoolClientSecretsCommand,
  NotAuthorizedException,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { backends, startCognate, type RunningCognate } from "../helpers/cognate.js";
import { rejectsWith } from "../helpers/assertions.js";
import { PASSWORD, SignInFixture, secretHash } from "../helpers/signIn.js";
import type { Clock } from "../../src/domain/clock.js";

for (const backend of backends) {
  describe(`client secrets through the AWS SDK (${backend})`, () => {
    let cognate: RunningCognate;
    let cognito: CognitoIdentityProviderClient;
    let fixture: SignInFixture;
    let now = new Date("2031-03-01T09:00:00.000Z");
    const clock: Clock = { now: async () => now };
    before(async () => {
      cognate = await startCognate({ backend, overrides: { clock } });
      cognito = cognate.client();
      fixture = new SignInFixture(cognate, cognito);
    });
    after(() => cognate.close());

    async function confidentialClient(): Promise<{ poolId: string; clientId: string; secret: string }> {
      const poolId = await fixture.pool();
      const { clientId, secret } = await fixture.client(poolId, { GenerateSecret: true });
      await fixture.confirmedUser(poolId, "ana");
      return { poolId, clientId, secret: secret! };
    }

    function signIn(clientId: string, secret: string) {
      return cognito.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: "USER_PASSWORD_AUTH",
          AuthParameters: { USERNAME: "ana", PASSWORD, SECRET_HASH: secretHash(secret, "ana", clientId) },
        }),
      );
    }

    async function secretIds(UserPoolId: string, ClientId: string): Promise<string[]> {
      const { ClientSecrets } = await cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId, ClientId }));
      return (ClientSecrets ?? []).map((secret) => secret.ClientSecretId!);
    }

    test("rotation: a second secret is accepted beside the first, and once the old one is deleted only the new one is", async () => {
      const { poolId, clientId, secret: oldSecret } = await confidentialClient();
      const created = now;
      const listed = await cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: clientId }));
      assert.deepEqual(listed.ClientSecrets, [{ ClientSecretId: `${clientId}--${created.getTime()}`, ClientSecretCreateDate: created }]);
      assert.equal(listed.NextToken, undefined);

      now = new Date(now.getTime() + 60_000);
      const { ClientSecretDescriptor: added } = await cognito.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId }),
      );
      const newSecret = added!.ClientSecretValue!;
      assert.match(newSecret, /^[0-9a-v]{51,52}$/);
      assert.equal(added!.ClientSecretId, `${clientId}--${now.getTime()}`);
      assert.equal(added!.ClientSecretCreateDate?.getTime(), now.getTime());
      assert.deepEqual(await secretIds(poolId, clientId), [`${clientId}--${created.getTime()}`, added!.ClientSecretId]);

      const { UserPoolClient } = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
      assert.equal(UserPoolClient?.ClientSecret, oldSecret, "DescribeUserPoolClient keeps reporting the oldest secret");

      const withOld = await signIn(clientId, oldSecret);
      const withNew = await signIn(clientId, newSecret);
      assert.ok(withOld.AuthenticationResult?.AccessToken && withNew.AuthenticationResult?.AccessToken);
      const refreshed = await cognito.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: clientId, ClientSecret: newSecret, RefreshToken: withOld.AuthenticationResult!.RefreshToken }),
      );
      assert.ok(refreshed.AuthenticationResult?.AccessToken);

      await cognito.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: `${clientId}--${created.getTime()}` }));
      assert.deepEqual(await secretIds(poolId, clientId), [added!.ClientSecretId]);
      await rejectsWith(signIn(clientId, oldSecret), NotAuthorizedException, `Unable to verify secret hash for client ${clientId}`);
      assert.ok((await signIn(clientId, newSecret)).AuthenticationResult?.AccessToken);
      const described = await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
      assert.equal(described.UserPoolClient?.ClientSecret, newSecret);
    });

    test("a secret the caller chooses is used but not echoed; a third is refused; the last cannot be deleted", async () => {
      const { poolId, clientId, secret } = await confidentialClient();
      const chosen = "my_own_secret_of_24_chars_or_more";
      const { ClientSecretDescriptor } = await cognito.send(
        new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecret: chosen }),
      );
      assert.equal(ClientSecretDescriptor?.ClientSecretValue, undefined);
      // Created in the same instant as the client's own secret, it is dated one millisecond later.
      assert.equal(ClientSecretDescriptor?.ClientSecretId, `${clientId}--${now.getTime() + 1}`);
      assert.ok((await signIn(clientId, chosen)).AuthenticationResult?.AccessToken);

      await rejectsWith(
        cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId })),
        LimitExceededException,
        "An app client can have at most 2 client secrets. Delete one before adding another.",
      );
      await cognito.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: ClientSecretDescriptor!.ClientSecretId }));
      const [onlyId] = await secretIds(poolId, clientId);
      await rejectsWith(
        cognito.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: onlyId })),
        InvalidParameterException,
        "The last client secret of an app client cannot be deleted.",
      );
      await rejectsWith(
        cognito.send(new DeleteUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId, ClientSecretId: `${clientId}--1` })),
        ResourceNotFoundException,
        `Client secret ${clientId}--1 does not exist.`,
      );
      assert.deepEqual(await secretIds(poolId, clientId), [onlyId]);
      assert.ok((await signIn(clientId, secret)).AuthenticationResult?.AccessToken);
    });

    test("a public client has no secrets to list and cannot be given one; unknown pools and clients are not found", async () => {
      const poolId = await fixture.pool();
      const { clientId } = await fixture.client(poolId);
      assert.deepEqual(await secretIds(poolId, clientId), []);
      await rejectsWith(
        cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: poolId, ClientId: clientId })),
        InvalidParameterException,
        `Client ${clientId} is not configured for secret: only a confidential client can have secrets added.`,
      );
      assert.deepEqual(await secretIds(poolId, clientId), []);
      await rejectsWith(
        cognito.send(new ListUserPoolClientSecretsCommand({ UserPoolId: poolId, ClientId: "nosuchclient" })),
        ResourceNotFoundException,
        "User pool client nosuchclient does not exist.",
      );
      await rejectsWith(
        cognito.send(new AddUserPoolClientSecretCommand({ UserPoolId: "us-east-1_nosuchpool", ClientId: clientId })),
        ResourceNotFoundException,
        "User pool us-east-1_nosuchpool does not exist.",
      );
    });
  });
}
