import { invalidPageToken } from "../errors/catalogue.js";
import { StorageInvalidCursorError } from "./ports/errors.js";
import type { Page, PageResult } from "./ports/store.js";

/**
 * One page of a listing. The listing's scope (e.g. `clients:<pool id>`) is sealed into the page token, so a
 * token from another listing or another pool is refused rather than misread.
 */
export interface PageRequest {
  scope: string;
  limit: number;
  nextToken?: string;
  /** The request member carrying the token, named in the refusal (`NextToken` unless said otherwise). */
  tokenName?: "NextToken" | "PaginationToken";
}

export interface Paged<T> {
  items: T[];
  nextToken?: string;
}

/** Runs one store page and turns its cursor into a page token; a forged or foreign token is `Invalid NextToken.` */
export async function listPage<T>(request: PageRequest, fetch: (page: Page) => Promise<PageResult<T>>): Promise<Paged<T>> {
  const tokenName = request.tokenName ?? "NextToken";
  const page: Page = {
    limit: request.limit,
    ...(request.nextToken === undefined ? {} : { after: decodeNextToken(request.scope, request.nextToken, tokenName) }),
  };
  const result = await fetch(page).catch((error: unknown) => {
    throw error instanceof StorageInvalidCursorError ? invalidPageToken(tokenName) : error;
  });
  return {
    items: result.items,
    ...(result.nextAfter === undefined ? {} : { nextToken: encodeNextToken(request.scope, result.nextAfter) }),
  };
}

function encodeNextToken(scope: string, cursor: string): string {
  return Buffer.from(JSON.stringify([scope, cursor]), "utf8").toString("base64url");
}

function decodeNextToken(scope: string, token: string, tokenName: "NextToken" | "PaginationToken"): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidPageToken(tokenName);
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== scope || typeof decoded[1] !== "string") {
    throw invalidPageToken(tokenName);
  }
  return decoded[1];
}
