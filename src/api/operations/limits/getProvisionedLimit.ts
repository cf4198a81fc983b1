import { defineOperation } from "../../types.js";
import { defaultRates } from "../../../config/rateLimits.js";
import { limitCategory, toLimitType } from "../../../domain/limits/provisionedLimit.js";

/** The rate in force: the provisioned one, else the configured one, else AWS's default (docs/behaviour.md#provisioned-limits). */
export const getProvisionedLimit = defineOperation("GetProvisionedLimit", async (input, deps, ctx) => {
  const category = limitCategory(input.LimitDefinition, defaultRates);
  const free = defaultRates[category as keyof typeof defaultRates];
  const provisioned = (await deps.store.rateLimits.provisioned(ctx.region))[category];
  const configured = deps.rateLimits[category as keyof typeof defaultRates];
  return { Limit: toLimitType(category, provisioned ?? configured ?? free, free) };
});
