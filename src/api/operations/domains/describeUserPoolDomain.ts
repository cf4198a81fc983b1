import { defineOperation } from "../../types.js";
import { toDomainDescription } from "../../../domain/domains/domain.js";

export const describeUserPoolDomain = defineOperation("DescribeUserPoolDomain", async (input, deps, ctx) => ({
  DomainDescription: toDomainDescription(await deps.store.domains.get(ctx.region, input.Domain), ctx.accountId),
}));
