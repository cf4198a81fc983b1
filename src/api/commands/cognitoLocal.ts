import { shapes, type StructureShape } from "../../model/shapes.gen.js";
import { SeedError, type Seed, type SeedPool, type SeedUser } from "./seedFile.js";

/*
 * cognito-local's data directory as a seed (docs/behaviour.md, "Coming from cognito-local"). cognito-local keeps
 * one JSON file per pool (`<poolId>.json`: `Options`, `Users` by username with plaintext passwords, `Groups`
 * by name with their `members`) and `clients.json` (`Clients` by id). The seed is applied through the
 * operations, so passwords are hashed on the way in and every value is checked as Cognito checks it.
 */

/** One of cognito-local's files, already parsed. */
export interface CognitoLocalFile {
  name: string;
  data: unknown;
}

export interface CognitoLocalSeed {
  seed: Seed;
  /** cognito-local's pool id of each seeded pool, by PoolName. */
  poolIds: Record<string, string>;
  /** cognito-local's client id of each seeded client, by PoolName and ClientName. */
  clientIds: Record<string, Record<string, string>>;
}

type Json = Record<string, unknown>;

export function cognitoLocalSeed(poolFiles: readonly CognitoLocalFile[], clientsFile: CognitoLocalFile | undefined): CognitoLocalSeed {
  const clients = Object.values(asObject(asObject(clientsFile?.data, clientsFile?.name ?? "clients.json").Clients ?? {}, "clients.json Clients"));
  const result: CognitoLocalSeed = { seed: { Pools: [] }, poolIds: {}, clientIds: {} };
  for (const file of poolFiles) {
    const data = asObject(file.data, file.name);
    const options = asObject(data.Options ?? {}, `${file.name} Options`);
    const oldId = typeof options.Id === "string" ? options.Id : file.name.replace(/\.json$/, "");
    // cognito-local's pools created with defaults only have no name: the old id names them.
    const poolName = typeof options.Name === "string" ? options.Name : oldId;
    const schema = ((options.SchemaAttributes ?? []) as Json[])
      .filter((attribute) => typeof attribute.Name === "string" && attribute.Name.startsWith("custom:"))
      .map((attribute) => ({ ...membersOf("SchemaAttributeType", attribute), Name: (attribute.Name as string).slice("custom:".length) }));

    const groups = Object.values(asObject(data.Groups ?? {}, `${file.name} Groups`)) as Json[];
    const groupsOf = (username: string) =>
      groups.filter((group) => Array.isArray(group.members) && group.members.includes(username)).map((group) => group.GroupName as string);

    const users: SeedUser[] = (Object.values(asObject(data.Users ?? {}, `${file.name} Users`)) as Json[]).map((user) => {
      const username = String(user.Username);
      const attributes = Object.fromEntries(
        ((user.Attributes ?? []) as Json[])
          // The sub is Cognate's to give, as for any new user.
          .filter((attribute) => attribute.Name !== "sub" && attribute.Value !== undefined && attribute.Value !== null)
          .map((attribute) => [String(attribute.Name), String(attribute.Value)]),
      );
      const memberOf = groupsOf(username);
      // A pool that signs in by email or phone number keys its users by sub in cognito-local; Cognate creates
      // them under the attribute they sign in with, as AdminCreateUser requires.
      const signInName = ((options.UsernameAttributes ?? []) as string[]).map((name) => attributes[name]).find((value) => value !== undefined);
      return {
        Username: signInName ?? username,
        ...(typeof user.Password === "string" && user.Password !== "" ? { Password: user.Password } : {}),
        ...(user.UserStatus === "FORCE_CHANGE_PASSWORD" ? { Temporary: true } : {}),
        ...(Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }),
        ...(memberOf.length === 0 ? {} : { Groups: memberOf }),
        ...(user.Enabled === false ? { Enabled: false } : {}),
      };
    });

    const poolClients = clients.filter((client) => (client as Json).UserPoolId === oldId) as Json[];
    result.clientIds[poolName] = Object.fromEntries(poolClients.map((client) => [String(client.ClientName), String(client.ClientId)]));
    const pool: SeedPool = {
      ...membersOf("CreateUserPoolRequest", options),
      PoolName: poolName,
      ...(schema.length === 0 ? {} : { Schema: schema }),
      Clients: poolClients.map((client) => {
        const { UserPoolId: _pool, ...created } = membersOf("CreateUserPoolClientRequest", client);
        return { ...created, ClientName: String(client.ClientName), ClientId: String(client.ClientId) };
      }),
      Groups: groups.map((group) => ({ ...membersOf("CreateGroupRequest", group), GroupName: String(group.GroupName) })),
      Users: users,
    };
    result.seed.Pools.push(pool);
    result.poolIds[poolName] = oldId;
  }
  return result;
}

/** cognito-local writes members the API does not take (dates, `members`, empty LambdaConfig): only the request's own are kept. */
function membersOf(requestShape: string, value: Json): Json {
  const members = (shapes[requestShape] as StructureShape).members;
  return Object.fromEntries(
    Object.entries(value).filter(([name, member]) => Object.hasOwn(members, name) && member !== undefined && member !== null && !isEmptyObject(member)),
  );
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

function asObject(value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SeedError(`${what} is not a cognito-local data file (expected a JSON object)`);
  return value as Json;
}
