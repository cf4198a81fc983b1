import { CognitoError } from "../domain/errors.js";
import { StorageInvalidCursorError } from "../storage/errors.js";
import type { Page, PageResult } from "../storage/store.js";

/**
 * One page of a MaxResults/NextToken listing. The listing's scope (e.g. `clients:<pool id>`) is sealed into
 * the NextToken, so a token from another listing or another pool is refused rather than misread.
 */
export interface PageRequest {
  scope: string;
  limit: number;
  nextToken?: string;
}

export interface Paged<T> {
  items: T[];
  nextToken?: string;
}

/** Runs one store page and turns its cursor into a NextToken; a forged or foreign token is `Invalid NextToken.` */
export async function listPage<T>(request: PageRequest, fetch: (page: Page) => Promise<PageResult<T>>): Promise<Paged<T>> {
  const page: Page = {
    limit: request.limit,
    ...(request.nextToken === undefined ? {} : { after: decodeNextToken(request.scope, request.nextToken) }),
  };
  const result = await fetch(page).catch((error: unknown) => {
    throw error instanceof StorageInvalidCursorError ? invalidNextToken() : error;
  });
  return {
    items: result.items,
    ...(result.nextAfter === undefined ? {} : { nextToken: encodeNextToken(request.scope, result.nextAfter) }),
  };
}

function encodeNextToken(scope: string, cursor: string): string {
  return Buffer.from(JSON.stringify([scope, cursor]), "utf8").toString("base64url");
}

function decodeNextToken(scope: string, token: string): string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidNextToken();
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== scope || typeof decoded[1] !== "string") {
    throw invalidNextToken();
  }
  return decoded[1];
}

function invalidNextToken(): CognitoError {
  return new CognitoError("InvalidParameterException", "Invalid NextToken.");
}
