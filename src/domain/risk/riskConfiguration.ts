import { isIP } from "node:net";
import type { RiskConfigurationType } from "@aws-sdk/client-cognito-identity-provider";
import { invalidIpRange, threatProtectionNotEnabled } from "../../errors/catalogue.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { RiskConfigurationRecord, RiskConfigurationSettings } from "./types.js";

/**
 * Risk configurations are threat-protection settings: a pool whose UserPoolAddOns leave it OFF (the default,
 * and the only mode below the PLUS tier) has none to set or read (docs/behaviour.md#threat-protection).
 */
export function requireThreatProtection(pool: UserPoolRecord): void {
  if (!hasThreatProtection(pool)) throw threatProtectionNotEnabled(pool.id);
}

/** Threat protection in audit-only or full-function mode: what risk configurations and auth events need. */
export function hasThreatProtection(pool: UserPoolRecord): boolean {
  return (pool.config.UserPoolAddOns?.AdvancedSecurityMode ?? "OFF") !== "OFF";
}

/** The settings of a SetRiskConfiguration request; undefined when it gives none, which resets them. */
export function riskSettings(request: RiskConfigurationSettings): RiskConfigurationSettings | undefined {
  const settings = Object.fromEntries(
    (["CompromisedCredentialsRiskConfiguration", "AccountTakeoverRiskConfiguration", "RiskExceptionConfiguration"] as const)
      .filter((member) => request[member] !== undefined)
      .map((member) => [member, request[member]]),
  ) as RiskConfigurationSettings;
  for (const range of [
    ...(settings.RiskExceptionConfiguration?.BlockedIPRangeList ?? []),
    ...(settings.RiskExceptionConfiguration?.SkippedIPRangeList ?? []),
  ]) {
    if (!isCidr(range)) throw invalidIpRange(range);
  }
  return Object.keys(settings).length === 0 ? undefined : settings;
}

/** An IPv4 or IPv6 address with a prefix length its family allows, as the API's IP range lists are written. */
function isCidr(range: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(range);
  if (match === null) return false;
  const family = isIP(match[1]!);
  const prefix = Number(match[2]);
  return family !== 0 && prefix <= (family === 4 ? 32 : 128);
}

/**
 * What DescribeRiskConfiguration answers: the configuration that applies. A client without its own settings
 * inherits the pool's, answered as the pool's (without ClientId, as the API documents for a configuration that
 * applies to every client without settings of its own).
 */
export function toRiskConfigurationType(poolId: string, record: RiskConfigurationRecord | undefined): RiskConfigurationType {
  if (record === undefined) return { UserPoolId: poolId };
  return {
    UserPoolId: poolId,
    ...(record.clientId === undefined ? {} : { ClientId: record.clientId }),
    ...record.settings,
    LastModifiedDate: record.lastModifiedAt,
  };
}
