import type { OperationName, OperationTypes } from "../../model/operations.gen.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { SeedError, type Seed, type SeedSource } from "./seedFile.js";

/** An operation through the app's pipeline (validated, authorised, audited), as a local caller. */
export type LocalInvoke = <N extends OperationName>(
  operation: N,
  input: OperationTypes[N]["input"],
  /** The id CreateUserPoolClient gives the client it creates (a seed's `ClientId`). */
  assigned?: { clientId?: string },
) => Promise<OperationTypes[N]["output"]>;

export interface SeededClient {
  id: string;
  /** Only for a client created with a secret. */
  secret?: string;
}

export interface SeededPool {
  id: string;
  name: string;
  /** By ClientName. */
  clients: Record<string, SeededClient>;
}

/** What the seed names, with the ids Cognate gave them: pools by PoolName. */
export interface SeedResult {
  pools: Record<string, SeededPool>;
}

const PAGE = 60;

/**
 * Applies a seed through the operations (docs/behaviour.md, "Seed files"). Idempotent by name: a pool,
 * identity provider, client, group or user that already exists is kept as it is (its settings and password are not
 * overwritten); group memberships are added when missing. A refused operation stops the seed with the line
 * of what caused it; what was created before stays.
 */
export async function applySeed(invoke: LocalInvoke, seed: Seed, source: SeedSource): Promise<SeedResult> {
  const result: SeedResult = { pools: {} };
  const existingPools = await poolsByName(invoke);
  for (const [p, poolSeed] of seed.Pools.entries()) {
    const at = ["Pools", p];
    const { Clients = [], Groups = [], Users = [], Domain, ResourceServers = [], IdentityProviders = [], ...createPool } = poolSeed;
    const step = <T>(path: (string | number)[], run: () => Promise<T>) => explained(source, path, run);
    let poolId = existingPools.get(poolSeed.PoolName);
    if (poolId === undefined) {
      const created = await step(at, () =>
        invoke("CreateUserPool", createPool as OperationTypes["CreateUserPool"]["input"]),
      );
      poolId = created.UserPool!.Id!;
      existingPools.set(poolSeed.PoolName, poolId);
    }
    const pool: SeededPool = { id: poolId, name: poolSeed.PoolName, clients: {} };
    result.pools[poolSeed.PoolName] = pool;

    // Before the clients, whose SupportedIdentityProviders may name them.
    for (const [i, providerSeed] of IdentityProviders.entries()) {
      const name = providerSeed.ProviderName;
      if (await exists(() => invoke("DescribeIdentityProvider", { UserPoolId: poolId, ProviderName: name }), "ResourceNotFoundException")) continue;
      await step([...at, "IdentityProviders", i], () =>
        invoke("CreateIdentityProvider", { ...providerSeed, UserPoolId: poolId } as OperationTypes["CreateIdentityProvider"]["input"]),
      );
    }

    if (Domain !== undefined) {
      const { UserPool } = await invoke("DescribeUserPool", { UserPoolId: poolId });
      // A pool has one domain: one it already has (by the seed or since) is kept.
      if (UserPool?.Domain === undefined && UserPool?.CustomDomain === undefined) {
        await step([...at, "Domain"], () =>
          invoke("CreateUserPoolDomain", { ...Domain, UserPoolId: poolId } as OperationTypes["CreateUserPoolDomain"]["input"]),
        );
      }
    }

    for (const [r, server] of ResourceServers.entries()) {
      if (await exists(() => invoke("DescribeResourceServer", { UserPoolId: poolId, Identifier: server.Identifier }), "ResourceNotFoundException")) continue;
      await step([...at, "ResourceServers", r], () =>
        invoke("CreateResourceServer", { ...server, UserPoolId: poolId } as OperationTypes["CreateResourceServer"]["input"]),
      );
    }

    const existingClients = await clientsByName(invoke, poolId);
    for (const [c, { ClientId: assignedId, ...clientSeed }] of Clients.entries()) {
      let clientId = existingClients.get(clientSeed.ClientName);
      if (clientId !== undefined && assignedId !== undefined && clientId !== assignedId) {
        const line = source.lineOf([...at, "Clients", c, "ClientId"]);
        throw new SeedError(`${source.file}:${line}: ${[...at, "Clients", c, "ClientId"].join(".")}: the pool's client ${clientSeed.ClientName} already exists with the id ${clientId}`);
      }
      if (clientId === undefined) {
        const created = await step([...at, "Clients", c], () =>
          invoke(
            "CreateUserPoolClient",
            { ...clientSeed, UserPoolId: poolId } as OperationTypes["CreateUserPoolClient"]["input"],
            assignedId === undefined ? undefined : { clientId: assignedId },
          ),
        );
        clientId = created.UserPoolClient!.ClientId!;
      }
      const { UserPoolClient } = await invoke("DescribeUserPoolClient", { UserPoolId: poolId, ClientId: clientId });
      pool.clients[clientSeed.ClientName] = {
        id: clientId,
        ...(UserPoolClient?.ClientSecret === undefined ? {} : { secret: UserPoolClient.ClientSecret }),
      };
    }

    for (const [g, groupSeed] of Groups.entries()) {
      if (await exists(() => invoke("GetGroup", { UserPoolId: poolId, GroupName: groupSeed.GroupName }), "ResourceNotFoundException")) continue;
      await step([...at, "Groups", g], () =>
        invoke("CreateGroup", { ...groupSeed, UserPoolId: poolId } as OperationTypes["CreateGroup"]["input"]),
      );
    }

    for (const [u, user] of Users.entries()) {
      const userAt = [...at, "Users", u];
      const known = await exists(() => invoke("AdminGetUser", { UserPoolId: poolId, Username: user.Username }), "UserNotFoundException");
      if (!known) {
        await step(userAt, () =>
          invoke("AdminCreateUser", {
            UserPoolId: poolId,
            Username: user.Username,
            MessageAction: "SUPPRESS",
            UserAttributes: Object.entries(user.Attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
          }),
        );
        const password = user.Password;
        if (password !== undefined) {
          await step([...userAt, "Password"], () =>
            invoke("AdminSetUserPassword", {
              UserPoolId: poolId,
              Username: user.Username,
              Password: password,
              Permanent: user.Temporary !== true,
            }),
          );
        }
        if (user.Enabled === false) {
          await step([...userAt, "Enabled"], () => invoke("AdminDisableUser", { UserPoolId: poolId, Username: user.Username }));
        }
      }
      for (const [m, group] of (user.Groups ?? []).entries()) {
        await step([...userAt, "Groups", m], () =>
          invoke("AdminAddUserToGroup", { UserPoolId: poolId, Username: user.Username, GroupName: group }),
        );
      }
    }
  }
  return result;
}

async function explained<T>(source: SeedSource, path: (string | number)[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof CognitoError)) throw error;
    const line = source.lineOf(path);
    throw new SeedError(`${source.file}${line === 0 ? "" : `:${line}`}: ${path.join(".")}: ${error.type}: ${error.message}`);
  }
}

async function exists(read: () => Promise<unknown>, absentType: string): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (error instanceof CognitoError && error.type === absentType) return false;
    throw error;
  }
}

/** The local region's pools by name; of two with one name, the first listed. */
async function poolsByName(invoke: LocalInvoke): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await invoke("ListUserPools", { MaxResults: PAGE, ...(NextToken === undefined ? {} : { NextToken }) });
    for (const pool of page.UserPools ?? []) if (!byName.has(pool.Name!)) byName.set(pool.Name!, pool.Id!);
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return byName;
}

async function clientsByName(invoke: LocalInvoke, poolId: string): Promise<Map<string, string>> {
  const byName = new Map<string, string>();
  let NextToken: string | undefined;
  do {
    const page = await invoke("ListUserPoolClients", {
      UserPoolId: poolId,
      MaxResults: PAGE,
      ...(NextToken === undefined ? {} : { NextToken }),
    });
    for (const client of page.UserPoolClients ?? []) if (!byName.has(client.ClientName!)) byName.set(client.ClientName!, client.ClientId!);
    NextToken = page.NextToken;
  } while (NextToken !== undefined);
  return byName;
}
