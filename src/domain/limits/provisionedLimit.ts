import type { LimitDefinitionType, LimitType } from "@aws-sdk/client-cognito-identity-provider";
import { limitBelowFree, limitCategoryUnknown } from "../../errors/catalogue.js";

/**
 * The quota category a LimitDefinition names: `API_CATEGORY` (the model's only class) with a `Category`
 * attribute naming one of `freeRates`' categories.
 */
export function limitCategory(definition: LimitDefinitionType, freeRates: Readonly<Record<string, number>>): string {
  const category = definition.Attributes?.Category;
  if (category === undefined || !Object.hasOwn(freeRates, category)) throw limitCategoryUnknown(category);
  return category;
}

/** UpdateProvisionedLimit may raise a rate, never lower it below AWS's default (free) rate. */
export function checkRequestedRate(requested: number, free: number): void {
  if (requested < free) throw limitBelowFree(free);
}

export function toLimitType(category: string, provisioned: number, free: number): LimitType {
  return {
    LimitDefinition: { LimitClass: "API_CATEGORY", Attributes: { Category: category } },
    ProvisionedLimitValue: provisioned,
    FreeLimitValue: free,
  };
}
