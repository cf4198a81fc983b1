import type { ListUsersRequest, ListUsersResponse, UserType } from "@aws-sdk/client-cognito-identity-provider";
import { invalidUserFilter, requestedAttributesUnknown, unsearchableAttribute } from "../../errors/catalogue.js";
import { listPage } from "../pagination.js";
import { schemaAttribute } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { Store, UserFilter } from "../ports/store.js";
import type { FilterableAttribute } from "./types.js";
import { toUserType } from "./user.js";

/** Users per page when ListUsers omits Limit (or sends 0): the most Cognito allows. */
const DEFAULT_USERS_PAGE_SIZE = 60;

const FILTERABLE: readonly FilterableAttribute[] = [
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "sub",
  "status",
  "cognito:user_status",
];

// `name op "value"`: spaces around the operator optional, the value double-quoted with backslash escapes.
const FILTER = /^\s*([^\s=^"]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/su;

/**
 * Parses ListUsers' Filter. An empty filter lists everyone. `cognito:user_status` matches whatever the case
 * of the value (Cognito documents it as case-insensitive); every other attribute matches exactly.
 */
export function parseUserFilter(filter: string | undefined): UserFilter | undefined {
  if (filter === undefined || filter.trim() === "") return undefined;
  const match = FILTER.exec(filter);
  if (match === null) throw invalidUserFilter();
  const [, name, operator, quoted] = match as unknown as [string, string, "=" | "^=", string];
  if (!(FILTERABLE as readonly string[]).includes(name)) throw unsearchableAttribute(name);
  const attribute = name as FilterableAttribute;
  const value = quoted.replace(/\\(.)/gsu, "$1");
  return { attribute, operator, value: attribute === "cognito:user_status" ? value.toUpperCase() : value };
}

/**
 * ListUsers: the pool's users in creation order, optionally filtered, each with all attributes or only
 * those in AttributesToGet (an empty list gives none). The PaginationToken seals the pool and the filter it
 * was issued for, and stays right while users are added or removed between pages.
 */
export async function listUsers(
  store: Store,
  pool: UserPoolRecord,
  input: Omit<ListUsersRequest, "UserPoolId">,
): Promise<Pick<ListUsersResponse, "Users" | "PaginationToken">> {
  const filter = parseUserFilter(input.Filter);
  const wanted = input.AttributesToGet;
  if (wanted !== undefined && wanted.some((name) => name !== "sub" && schemaAttribute(pool, name) === undefined)) {
    throw requestedAttributesUnknown();
  }
  const scope = JSON.stringify([pool.id, input.Filter ?? ""]);
  const limit = input.Limit === undefined || input.Limit === 0 ? DEFAULT_USERS_PAGE_SIZE : input.Limit;
  return listPage(
    { scope, limit, nextToken: input.PaginationToken, itemsMember: "Users", tokenMember: "PaginationToken" },
    (cursor) => store.users.list(pool.id, filter, cursor),
    (user) => withOnly(toUserType(user), wanted),
  );
}

function withOnly(user: UserType, names: readonly string[] | undefined): UserType {
  if (names === undefined) return user;
  return { ...user, Attributes: (user.Attributes ?? []).filter((attribute) => names.includes(attribute.Name!)) };
}
