import { invalidPageToken } from "../errors/catalogue.js";
import { StorageInvalidCursorError } from "./ports/errors.js";
import type { Page, PageResult } from "./ports/store.js";

/**
 * Items per page when a listing's request omits its limit. Cognito documents only the ranges; 25 is what its
 * list operations are observed to return (aws/aws-sdk-js-v3#7013).
 */
export const DEFAULT_PAGE_SIZE = 25;

/**
 * One page of a listing, as its request and response name things. The listing's scope (e.g. `clients:<pool
 * id>`) is sealed into the page token, so a token from another listing or another pool is refused rather than
 * misread.
 */
export interface PageRequest<ItemsMember extends string, TokenMember extends "NextToken" | "PaginationToken"> {
  scope: string;
  limit: number;
  nextToken?: string | undefined;
  /** The response member listing the items (`Groups`, `UserPools`, …). */
  itemsMember: ItemsMember;
  /** The request and response member carrying the page token; `NextToken` unless said otherwise. */
  tokenMember?: TokenMember;
}

/** A list operation's response: the page's items, and the token of the next page when more may follow. */
export type PageResponse<Wire, ItemsMember extends string, TokenMember extends string> = { [M in ItemsMember]: Wire[] } & {
  [M in TokenMember]?: string;
};

/**
 * The one paging path of every list operation: decodes the request's page token, runs one store page, and
 * answers the items in wire form with the next page's token. A forged or foreign token is `Invalid <member>.`
 */
export async function listPage<Item, Wire, ItemsMember extends string, TokenMember extends "NextToken" | "PaginationToken" = "NextToken">(
  request: PageRequest<ItemsMember, TokenMember>,
  fetch: (page: Page) => Promise<PageResult<Item>>,
  toWire: (item: Item) => Wire,
): Promise<PageResponse<Wire, ItemsMember, TokenMember>> {
  const tokenMember = request.tokenMember ?? "NextToken";
  const page: Page = {
    limit: request.limit,
    ...(request.nextToken === undefined ? {} : { after: decodeNextToken(request.scope, request.nextToken, tokenMember) }),
  };
  const result = await fetch(page).catch((error: unknown) => {
    throw error instanceof StorageInvalidCursorError ? invalidPageToken(tokenMember) : error;
  });
  return {
    [request.itemsMember]: result.items.map((item) => toWire(item)),
    ...(result.nextAfter === undefined ? {} : { [tokenMember]: encodeNextToken(request.scope, result.nextAfter) }),
  } as PageResponse<Wire, ItemsMember, TokenMember>;
}

function encodeNextToken(scope: string, cursor: string): string {
  return Buffer.from(JSON.stringify([scope, cursor]), "utf8").toString("base64url");
}

function decodeNextToken(scope: string, token: string, tokenMember: "NextToken" | "PaginationToken"): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidPageToken(tokenMember);
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== scope || typeof decoded[1] !== "string") {
    throw invalidPageToken(tokenMember);
  }
  return decoded[1];
}
