import type { RateLimitStore } from "../../domain/ports/store.js";
import type { RateLimits } from "../../config/rateLimits.js";

/** How long an instance uses the provisioned rates it read before reading them again. */
export const PROVISIONED_RATES_TTL_MS = 1000;

/**
 * The rates UpdateProvisionedLimit set, as the throttle applies them: read from the store, which every
 * instance shares, at most once a second per region (docs/behaviour.md#provisioned-limits). A rate set
 * through this instance applies to its next request; other instances apply it within a second.
 */
export class ProvisionedRates {
  private readonly byRegion = new Map<string, { rates: RateLimits; readAt: number }>();

  constructor(private readonly store: RateLimitStore) {}

  /** The configured limits with the region's provisioned rates in place of theirs. */
  async limits(configured: RateLimits, region: string, now: Date): Promise<RateLimits> {
    const cached = this.byRegion.get(region);
    let rates = cached?.rates;
    if (cached === undefined || now.getTime() - cached.readAt >= PROVISIONED_RATES_TTL_MS || now.getTime() < cached.readAt) {
      rates = (await this.store.provisioned(region)) as RateLimits;
      this.byRegion.set(region, { rates, readAt: now.getTime() });
    }
    return { ...configured, ...rates };
  }

  /** Forgets what was read for the region, so this instance's next request reads the new rate. */
  changed(region: string): void {
    this.byRegion.delete(region);
  }
}
