import { defineOperation } from "../types.js";
import { CognitoError } from "../../domain/errors.js";
import { toUserPoolDescription } from "../../domain/pools/userPool.js";
import { StorageInvalidCursorError } from "../../storage/errors.js";

export const listUserPools = defineOperation("ListUserPools", async (input, deps, ctx) => {
  const page = await deps.store.pools
    .list(ctx.region, {
      limit: input.MaxResults,
      after: input.NextToken === undefined ? undefined : decodeNextToken(input.NextToken),
    })
    .catch((error: unknown) => {
      throw error instanceof StorageInvalidCursorError ? invalidNextToken() : error;
    });
  return {
    UserPools: page.items.map(toUserPoolDescription),
    ...(page.nextAfter === undefined ? {} : { NextToken: encodeNextToken(page.nextAfter) }),
  };
});

// The token carries the store's cursor; a prefix keeps foreign strings from passing as cursors.
const TOKEN_PREFIX = "pools:";

function encodeNextToken(cursor: string): string {
  return Buffer.from(TOKEN_PREFIX + cursor, "utf8").toString("base64url");
}

function decodeNextToken(token: string): string {
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  if (!decoded.startsWith(TOKEN_PREFIX)) throw invalidNextToken();
  return decoded.slice(TOKEN_PREFIX.length);
}

function invalidNextToken(): CognitoError {
  return new CognitoError("InvalidParameterException", "Invalid NextToken.");
}
