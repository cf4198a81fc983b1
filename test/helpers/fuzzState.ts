import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  ResourceNotFoundException,
  type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { PoolIdentities } from "./fuzzRequests.js";

/** The permanent password of the seeded confirmed users; also one the fuzz tries. */
export const SEEDED_PASSWORD = "Correct-Horse1";
/** The temporary password of the seeded invited user; also one the fuzz tries. */
export const SEEDED_TEMPORARY_PASSWORD = "Fuzz-Secret-Pass1";

/**
 * A pool with real state, made through the SDK: two clients (one with a secret), a confirmed user with an
 * email and tokens, an invited user waiting in NEW_PASSWORD_REQUIRED, a disabled user, two groups.
 */
export async function seedPool(cognito: CognitoIdentityProviderClient, label: string): Promise<PoolIdentities> {
  const { UserPool } = await cognito.send(
    new CreateUserPoolCommand({
      PoolName: `fuzz-${label}`,
      AliasAttributes: ["email"],
      AutoVerifiedAttributes: ["email"],
      Schema: [{ Name: "tier", AttributeDataType: "String", Mutable: true }],
    }),
  );
  const poolId = UserPool!.Id!;
  const flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"] as const;
  const clientIds: string[] = [];
  const clientSecrets: Record<string, string> = {};
  for (const [name, secret] of [["app", false], ["server", true]] as const) {
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: name, ExplicitAuthFlows: [...flows], GenerateSecret: secret }),
    );
    clientIds.push(UserPoolClient!.ClientId!);
    if (UserPoolClient!.ClientSecret !== undefined) clientSecrets[UserPoolClient!.ClientId!] = UserPoolClient!.ClientSecret;
  }
  const users = [
    { name: "alice", email: "alice@example.com", confirmed: true },
    { name: "bob", email: "bob@example.com", confirmed: false },
    { name: "carol", email: "carol@example.com", confirmed: true },
  ];
  for (const user of users) {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: user.name,
        TemporaryPassword: SEEDED_TEMPORARY_PASSWORD,
        MessageAction: "SUPPRESS",
        UserAttributes: [
          { Name: "email", Value: user.email },
          { Name: "email_verified", Value: "true" },
          { Name: "custom:tier", Value: "gold" },
        ],
      }),
    );
    if (user.confirmed) {
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: user.name, Password: SEEDED_PASSWORD, Permanent: true }));
    }
  }
  await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: "carol" }));
  for (const [group, member] of [["admins", "alice"], ["readers", "bob"]] as const) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group, Precedence: 1, Description: `the ${group}` }));
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, GroupName: group, Username: member }));
  }
  const signedIn = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientIds[0],
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "alice", PASSWORD: SEEDED_PASSWORD },
    }),
  );
  const challenged = await cognito.send(
    new AdminInitiateAuthCommand({
      UserPoolId: poolId,
      ClientId: clientIds[0],
      AuthFlow: "ADMIN_USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: "bob", PASSWORD: SEEDED_TEMPORARY_PASSWORD },
    }),
  );
  return {
    poolId,
    clientIds,
    clientSecrets,
    usernames: ["alice", "bob", "carol", "alice@example.com", "ALICE", "nobody"],
    groupNames: ["admins", "readers", "nosuchgroup"],
    accessTokens: [signedIn.AuthenticationResult!.AccessToken!, signedIn.AuthenticationResult!.IdToken!],
    refreshTokens: [signedIn.AuthenticationResult!.RefreshToken!],
    sessions: [challenged.Session!],
  };
}

/**
 * What an administrator sees of a pool through the API: its settings, users, clients (in full), groups and
 * their members. Two equal snapshots mean nothing visible changed.
 */
export async function poolState(cognito: CognitoIdentityProviderClient, poolId: string): Promise<unknown> {
  let pool;
  try {
    ({ UserPool: pool } = await cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId })));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return { deleted: poolId };
    throw error;
  }
  const users = [];
  let paginationToken: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Limit: 60, PaginationToken: paginationToken }));
    users.push(...(page.Users ?? []));
    paginationToken = page.PaginationToken;
  } while (paginationToken !== undefined);
  const { UserPoolClients } = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 60 }));
  const clients = [];
  for (const { ClientId } of UserPoolClients ?? []) {
    clients.push((await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId }))).UserPoolClient);
  }
  const { Groups } = await cognito.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 60 }));
  const groups = [];
  for (const group of Groups ?? []) {
    const { Users } = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: poolId, GroupName: group.GroupName, Limit: 60 }));
    groups.push({ group, members: (Users ?? []).map((user) => user.Username).sort() });
  }
  return { pool, users, clients, groups };
}
