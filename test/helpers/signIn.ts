import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type CreateUserPoolClientRequest,
  type CreateUserPoolRequest,
  type UserStatusType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { RunningCognate } from "./cognate.js";

/** Passwords that satisfy Cognito's default policy. */
export const TEMPORARY_PASSWORD = "Temporary-Pass1";
export const PASSWORD = "Correct-Horse1";
export const OTHER_PASSWORD = "Battery-Staple2";

/** Builds pools, clients and users for sign-in tests through the SDK, as an application's setup would. */
export class SignInFixture {
  constructor(
    readonly cognate: RunningCognate,
    readonly cognito: CognitoIdentityProviderClient,
  ) {}

  async pool(settings: Partial<CreateUserPoolRequest> = {}): Promise<string> {
    const { UserPool } = await this.cognito.send(new CreateUserPoolCommand({ PoolName: "sign-in", ...settings }));
    return UserPool!.Id!;
  }

  /** A client allowing the password flows (unless settings say otherwise); its secret when it has one. */
  async client(poolId: string, settings: Partial<CreateUserPoolClientRequest> = {}): Promise<{ clientId: string; secret?: string }> {
    const { UserPoolClient } = await this.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: "app",
        ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ...settings,
      }),
    );
    return {
      clientId: UserPoolClient!.ClientId!,
      ...(UserPoolClient!.ClientSecret === undefined ? {} : { secret: UserPoolClient!.ClientSecret }),
    };
  }

  /** A user in FORCE_CHANGE_PASSWORD with TEMPORARY_PASSWORD, no invitation sent. */
  async invitedUser(poolId: string, username: string, attributes: AttributeType[] = []): Promise<void> {
    await this.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        TemporaryPassword: TEMPORARY_PASSWORD,
        UserAttributes: attributes,
        MessageAction: "SUPPRESS",
      }),
    );
  }

  /** A CONFIRMED user whose password is PASSWORD. */
  async confirmedUser(poolId: string, username: string, attributes: AttributeType[] = []): Promise<void> {
    await this.invitedUser(poolId, username, attributes);
    await this.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
  }

  /** Puts a user in a status no implemented operation leads to yet (UNCONFIRMED needs SignUp). */
  async setStatus(poolId: string, username: string, status: UserStatusType): Promise<void> {
    const store = this.cognate.app.deps.store;
    const user = await store.users.getByUsernameKey(poolId, username);
    assert.ok(user !== undefined);
    assert.ok(await store.users.update({ ...user, status }));
  }

  /** Moves the server's clock forward (the control API; the offset is shared through the database). */
  async advanceClock(seconds: number): Promise<void> {
    const response = await fetch(`${this.cognate.url}/_cognate/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ advanceSeconds: seconds }),
    });
    assert.equal(response.status, 200);
  }
}

/** SECRET_HASH as clients compute it: Base64(HMAC-SHA256(secret, username ‖ client id)). */
export function secretHash(secret: string, username: string, clientId: string): string {
  return createHmac("sha256", secret).update(username + clientId).digest("base64");
}

/** The claims of a JWT, unverified (the tokens suites verify signatures). */
export function claimsOf(jwt: string | undefined): Record<string, unknown> {
  assert.ok(jwt !== undefined);
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
