import { shapes, type StructureShape } from "../../model/shapes.gen.js";
import type { SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import type { LocalInvoke } from "./seed.js";
import type { SeedPool, SeedUser } from "./seedFile.js";

const PAGE = 60;

/**
 * One pool as a seed (docs/behaviour.md, "Seed files"), read through the operations: its settings in
 * CreateUserPool's members, its identity providers, clients, groups and users with their attributes and groups.
 * Passwords are stored only as hashes, so users come out without one. A client's id and secret are carried,
 * and so are the pool's domain and resource servers. An identity provider carries its client secret, as
 * DescribeIdentityProvider does, but not Sign in with Apple's private key, which no operation returns.
 */
export async function exportPool(invoke: LocalInvoke, poolId: string): Promise<SeedPool> {
  const { UserPool } = await invoke("DescribeUserPool", { UserPoolId: poolId });
  const settings = membersOf("CreateUserPoolRequest", UserPool as Record<string, unknown>);
  const schema = (UserPool?.SchemaAttributes ?? []).flatMap(exportedAttribute);
  const pool: SeedPool = { ...settings, PoolName: UserPool!.Name!, ...(schema.length === 0 ? {} : { Schema: schema }) };

  const providers: NonNullable<SeedPool["IdentityProviders"]> = [];
  for await (const summary of pages(async (NextToken) => {
    const page = await invoke("ListIdentityProviders", { UserPoolId: poolId, MaxResults: PAGE, NextToken });
    return { items: page.Providers, next: page.NextToken };
  })) {
    const { IdentityProvider } = await invoke("DescribeIdentityProvider", { UserPoolId: poolId, ProviderName: summary.ProviderName! });
    const { UserPoolId: _pool, ...provider } = membersOf("CreateIdentityProviderRequest", IdentityProvider as Record<string, unknown>);
    providers.push({ ...provider, ProviderName: IdentityProvider!.ProviderName!, ProviderType: IdentityProvider!.ProviderType! });
  }

  const domainName = UserPool?.CustomDomain ?? UserPool?.Domain;
  let domain: SeedPool["Domain"];
  if (domainName !== undefined) {
    const { DomainDescription } = await invoke("DescribeUserPoolDomain", { Domain: domainName });
    domain = {
      Domain: domainName,
      ...(DomainDescription?.CustomDomainConfig === undefined ? {} : { CustomDomainConfig: DomainDescription.CustomDomainConfig }),
      ...(DomainDescription?.ManagedLoginVersion === undefined ? {} : { ManagedLoginVersion: DomainDescription.ManagedLoginVersion }),
    };
  }

  const resourceServers: NonNullable<SeedPool["ResourceServers"]> = [];
  for await (const server of pages(async (NextToken) => {
    const page = await invoke("ListResourceServers", { UserPoolId: poolId, MaxResults: 50, NextToken });
    return { items: page.ResourceServers, next: page.NextToken };
  })) {
    const { UserPoolId: _pool, ...created } = membersOf("CreateResourceServerRequest", server as Record<string, unknown>);
    resourceServers.push({ ...created, Identifier: server.Identifier!, Name: server.Name! });
  }

  const clients: NonNullable<SeedPool["Clients"]> = [];
  for await (const summary of pages(async (NextToken) => {
    const page = await invoke("ListUserPoolClients", { UserPoolId: poolId, MaxResults: PAGE, NextToken });
    return { items: page.UserPoolClients, next: page.NextToken };
  })) {
    const { UserPoolClient } = await invoke("DescribeUserPoolClient", { UserPoolId: poolId, ClientId: summary.ClientId! });
    const { UserPoolId: _pool, ...client } = membersOf("CreateUserPoolClientRequest", UserPoolClient as Record<string, unknown>);
    clients.push({ ...client, ClientName: UserPoolClient!.ClientName!, ClientId: UserPoolClient!.ClientId! });
  }

  const groups: NonNullable<SeedPool["Groups"]> = [];
  for await (const group of pages(async (NextToken) => {
    const page = await invoke("ListGroups", { UserPoolId: poolId, Limit: PAGE, NextToken });
    return { items: page.Groups, next: page.NextToken };
  })) {
    const { UserPoolId: _pool, ...created } = membersOf("CreateGroupRequest", group as Record<string, unknown>);
    groups.push({ ...created, GroupName: group.GroupName! });
  }

  const users: SeedUser[] = [];
  for await (const user of pages(async (PaginationToken) => {
    const page = await invoke("ListUsers", { UserPoolId: poolId, Limit: PAGE, PaginationToken });
    return { items: page.Users, next: page.PaginationToken };
  })) {
    const memberOf: string[] = [];
    for await (const group of pages(async (NextToken) => {
      const page = await invoke("AdminListGroupsForUser", { UserPoolId: poolId, Username: user.Username!, Limit: PAGE, NextToken });
      return { items: page.Groups, next: page.NextToken };
    })) {
      memberOf.push(group.GroupName!);
    }
    // The sub is Cognate's to give: a seeded user gets a new one.
    const attributes = Object.fromEntries((user.Attributes ?? []).filter((a) => a.Name !== "sub").map((a) => [a.Name!, a.Value ?? ""]));
    // In a pool that signs in by email or phone number the internal username is the sub; the user is
    // created again under the attribute they sign in with.
    const signInName = (UserPool?.UsernameAttributes ?? []).map((name) => attributes[name]).find((value) => value !== undefined);
    users.push({
      Username: signInName ?? user.Username!,
      ...(Object.keys(attributes).length === 0 ? {} : { Attributes: attributes }),
      ...(memberOf.length === 0 ? {} : { Groups: memberOf }),
      ...(user.Enabled === false ? { Enabled: false } : {}),
    });
  }
  return {
    ...pool,
    ...(domain === undefined ? {} : { Domain: domain }),
    ...(resourceServers.length === 0 ? {} : { ResourceServers: resourceServers }),
    ...(providers.length === 0 ? {} : { IdentityProviders: providers }),
    ...(clients.length === 0 ? {} : { Clients: clients }),
    ...(groups.length === 0 ? {} : { Groups: groups }),
    ...(users.length === 0 ? {} : { Users: users }),
  };
}

/** The members of `value` that the request shape accepts, so a description becomes a creation. */
function membersOf(requestShape: string, value: Record<string, unknown> | undefined): Record<string, unknown> {
  const members = (shapes[requestShape] as StructureShape).members;
  return Object.fromEntries(Object.entries(value ?? {}).filter(([name, member]) => Object.hasOwn(members, name) && member !== undefined));
}

/** Custom attributes under the names CreateUserPool takes (without `custom:`), and required standard ones. */
function exportedAttribute(attribute: SchemaAttributeType): SchemaAttributeType[] {
  const name = attribute.Name ?? "";
  if (name.startsWith("custom:")) return [{ ...attribute, Name: name.slice("custom:".length) }];
  return attribute.Required === true ? [attribute] : [];
}

/** Every item of a paged list; `fetch` reads one page and names its items and its next token. */
async function* pages<I>(fetch: (token: string | undefined) => Promise<{ items?: I[]; next?: string }>): AsyncGenerator<I> {
  let token: string | undefined;
  do {
    const page = await fetch(token);
    yield* page.items ?? [];
    token = page.next;
  } while (token !== undefined);
}
