import type { Node } from "yaml";
import { OperatorError } from "../../errors/operatorError.js";

/*
 * The seed file (docs/behaviour.md, "Seed files"): pools in CreateUserPool's own member names, each with its
 * identity providers (CreateIdentityProvider's), clients (CreateUserPoolClient's), groups (CreateGroup's) and users. JSON is read by the same YAML 1.2
 * parser, so both report a mistake at its line.
 */

export interface SeedUser {
  Username: string;
  /** Set through AdminSetUserPassword: permanent unless `Temporary`. */
  Password?: string;
  Temporary?: boolean;
  /** Attribute name → value, as AdminCreateUser's UserAttributes. */
  Attributes?: Record<string, string>;
  /** Group names the user is added to. */
  Groups?: string[];
  /** False: the user is created disabled (AdminDisableUser). */
  Enabled?: boolean;
}

export interface SeedPool {
  PoolName: string;
  /** Any other CreateUserPool member (Policies, UsernameAttributes, Schema, …). */
  [member: string]: unknown;
  /** CreateUserPoolDomain's members: the pool's domain prefix or custom domain. */
  Domain?: { Domain: string; [member: string]: unknown };
  /** CreateResourceServer's members; created before the clients, whose scopes may name them. */
  ResourceServers?: Array<{ Identifier: string; Name: string; [member: string]: unknown }>;
  /** CreateIdentityProvider's members; created before the clients, whose SupportedIdentityProviders may name them. */
  IdentityProviders?: Array<{ ProviderName: string; ProviderType: string; [member: string]: unknown }>;
  /** CreateUserPoolClient's members, and the client's id when the seed fixes it. */
  Clients?: Array<{ ClientName: string; ClientId?: string; [member: string]: unknown }>;
  Groups?: Array<{ GroupName: string; [member: string]: unknown }>;
  Users?: SeedUser[];
}

export interface Seed {
  Pools: SeedPool[];
}

/** Where each part of the seed was written, for errors that point at a line. */
export interface SeedSource {
  file: string;
  /** The 1-based line of a path such as `Pools.0.Users.2`, or of its nearest written ancestor; 0 when unknown. */
  lineOf(path: readonly (string | number)[]): number;
}

export class SeedError extends OperatorError {
  override name = "SeedError";
}

/** Parses and checks the seed's structure; the members' values are checked by the operations themselves. */
export async function parseSeed(text: string, file: string): Promise<{ seed: Seed; source: SeedSource }> {
  // Loaded here only: a start without a seed never reads the YAML parser.
  const { LineCounter, parseDocument, isMap, isSeq } = await import("yaml");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    const error = document.errors[0]!;
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new SeedError(`${file}:${line}: ${error.message.split("\n")[0]}`);
  }
  const source: SeedSource = {
    file,
    lineOf(path) {
      let node: unknown = document.contents;
      let line = node === null ? 1 : lineAt(node as Node);
      for (const key of path) {
        if (!(isMap(node) || isSeq(node))) break;
        const child: unknown = node.get(key, true);
        if (child === undefined) break;
        node = child;
        line = lineAt(child as Node) || line;
      }
      return line;
    },
  };
  function lineAt(node: Node): number {
    return node.range === undefined || node.range === null ? 0 : lineCounter.linePos(node.range[0]).line;
  }
  const fail = (path: (string | number)[], problem: string): never => {
    throw new SeedError(`${file}:${source.lineOf(path)}: ${path.length === 0 ? "the seed" : path.join(".")} ${problem}`);
  };

  const root: unknown = document.toJS();
  if (!isObject(root)) return fail([], "must be an object with a Pools list");
  onlyMembers(root, ["Pools"], [], fail);
  const pools = root.Pools;
  if (!Array.isArray(pools)) return fail(["Pools"], "must be a list of pools");
  pools.forEach((pool: unknown, p) => {
    const at = ["Pools", p];
    if (!isObject(pool)) return fail(at, "must be an object");
    requireString(pool, "PoolName", at, fail);
    checkList(pool, "IdentityProviders", at, fail, (provider, providerAt) => {
      requireString(provider, "ProviderName", providerAt, fail);
      requireString(provider, "ProviderType", providerAt, fail);
    });
    if (pool.Domain !== undefined) {
      if (!isObject(pool.Domain)) fail([...at, "Domain"], "must be an object with CreateUserPoolDomain's members");
      requireString(pool.Domain as Record<string, unknown>, "Domain", [...at, "Domain"], fail);
    }
    checkList(pool, "ResourceServers", at, fail, (server, serverAt) => {
      requireString(server, "Identifier", serverAt, fail);
      requireString(server, "Name", serverAt, fail);
    });
    checkList(pool, "Clients", at, fail, (client, clientAt) => {
      requireString(client, "ClientName", clientAt, fail);
      // Cognito's ClientIdType: 1 to 128 word characters or `+`.
      if (client.ClientId !== undefined && !(typeof client.ClientId === "string" && /^[\w+]{1,128}$/.test(client.ClientId))) {
        fail([...clientAt, "ClientId"], "must be 1 to 128 letters, digits, `_` or `+`");
      }
    });
    checkList(pool, "Groups", at, fail, (group, groupAt) => requireString(group, "GroupName", groupAt, fail));
    checkList(pool, "Users", at, fail, (user, userAt) => {
      onlyMembers(user, ["Username", "Password", "Temporary", "Attributes", "Groups", "Enabled"], userAt, fail);
      requireString(user, "Username", userAt, fail);
      if (user.Password !== undefined && typeof user.Password !== "string") fail([...userAt, "Password"], "must be a string");
      if (user.Temporary !== undefined && typeof user.Temporary !== "boolean") fail([...userAt, "Temporary"], "must be true or false");
      if (user.Enabled !== undefined && typeof user.Enabled !== "boolean") fail([...userAt, "Enabled"], "must be true or false");
      if (user.Attributes !== undefined) {
        if (!isObject(user.Attributes)) fail([...userAt, "Attributes"], "must map attribute names to string values");
        for (const [name, value] of Object.entries(user.Attributes as object)) {
          if (typeof value !== "string") fail([...userAt, "Attributes", name], "must be a string");
        }
      }
      if (user.Groups !== undefined && !(Array.isArray(user.Groups) && user.Groups.every((g) => typeof g === "string"))) {
        fail([...userAt, "Groups"], "must be a list of group names");
      }
    });
    return undefined;
  });
  return { seed: root as unknown as Seed, source };
}

type Fail = (path: (string | number)[], problem: string) => never;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyMembers(value: Record<string, unknown>, allowed: readonly string[], at: (string | number)[], fail: Fail): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail([...at, key], `is not a seed member (known: ${allowed.join(", ")})`);
  }
}

function requireString(value: Record<string, unknown>, member: string, at: (string | number)[], fail: Fail): void {
  if (typeof value[member] !== "string" || value[member] === "") fail([...at, member], "must be a non-empty string");
}

function checkList(
  value: Record<string, unknown>,
  member: string,
  at: (string | number)[],
  fail: Fail,
  each: (item: Record<string, unknown>, itemAt: (string | number)[]) => void,
): void {
  const list = value[member];
  if (list === undefined) return;
  if (!Array.isArray(list)) fail([...at, member], "must be a list");
  (list as unknown[]).forEach((item, i) => {
    if (!isObject(item)) fail([...at, member, i], "must be an object");
    each(item as Record<string, unknown>, [...at, member, i]);
  });
}
