import { defineOperation } from "../../types.js";
import { defaultRates } from "../../../config/rateLimits.js";
import { checkRequestedRate, limitCategory, toLimitType } from "../../../domain/limits/provisionedLimit.js";

/** Sets the region's rate for the category: the throttle of every instance applies it within a second. */
export const updateProvisionedLimit = defineOperation("UpdateProvisionedLimit", async (input, deps, ctx) => {
  const category = limitCategory(input.LimitDefinition, defaultRates);
  const free = defaultRates[category as keyof typeof defaultRates];
  checkRequestedRate(input.RequestedLimitValue, free);
  await deps.store.rateLimits.setProvisioned(ctx.region, category, input.RequestedLimitValue);
  deps.provisionedRates.changed(ctx.region);
  return { Limit: toLimitType(category, input.RequestedLimitValue, free) };
});
