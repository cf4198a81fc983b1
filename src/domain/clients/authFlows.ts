import type { AuthFlowType, ExplicitAuthFlowsType } from "@aws-sdk/client-cognito-identity-provider";
import { mixedAuthFlowStyles, refreshTokenAuthRequired } from "../../errors/catalogue.js";
import type { ClientRecord } from "./types.js";

/** What a client allows when it names no flows. */
const DEFAULT_EXPLICIT_AUTH_FLOWS: readonly ExplicitAuthFlowsType[] = [
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_CUSTOM_AUTH",
];

const LEGACY_FLOWS: ReadonlySet<ExplicitAuthFlowsType> = new Set(["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"]);

/** The ALLOW_ setting that enables each sign-in flow. */
const ALLOWED_BY: Record<AuthFlowType, ExplicitAuthFlowsType> = {
  USER_SRP_AUTH: "ALLOW_USER_SRP_AUTH",
  USER_PASSWORD_AUTH: "ALLOW_USER_PASSWORD_AUTH",
  ADMIN_USER_PASSWORD_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  ADMIN_NO_SRP_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  CUSTOM_AUTH: "ALLOW_CUSTOM_AUTH",
  REFRESH_TOKEN_AUTH: "ALLOW_REFRESH_TOKEN_AUTH",
  REFRESH_TOKEN: "ALLOW_REFRESH_TOKEN_AUTH",
  USER_AUTH: "ALLOW_USER_AUTH",
};

/**
 * The flows a request sets, checked: legacy values (without ALLOW_) may not be mixed with ALLOW_ values, and
 * an ALLOW_ list must keep refresh-token sign-in. Undefined (and an empty list) means Cognito's default,
 * which Cognito leaves out of its replies.
 */
export function explicitAuthFlows(flows: ExplicitAuthFlowsType[] | undefined): ExplicitAuthFlowsType[] | undefined {
  if (flows === undefined || flows.length === 0) return undefined;
  const legacy = flows.filter((flow) => LEGACY_FLOWS.has(flow));
  if (legacy.length === flows.length) return [...flows];
  if (legacy.length > 0) throw mixedAuthFlowStyles();
  if (!flows.includes("ALLOW_REFRESH_TOKEN_AUTH")) throw refreshTokenAuthRequired();
  return [...flows];
}

/**
 * Whether the client lets the given InitiateAuth/AdminInitiateAuth flow run. A legacy list (from before the
 * ALLOW_ values) always allowed refresh and custom authentication, and SRP unless it said CUSTOM_AUTH_FLOW_ONLY.
 */
export function authFlowEnabled(client: ClientRecord, flow: AuthFlowType): boolean {
  const flows = client.config.ExplicitAuthFlows ?? DEFAULT_EXPLICIT_AUTH_FLOWS;
  if (!flows.some((value) => LEGACY_FLOWS.has(value))) return flows.includes(ALLOWED_BY[flow]);
  const customOnly = flows.includes("CUSTOM_AUTH_FLOW_ONLY");
  switch (flow) {
    case "REFRESH_TOKEN_AUTH":
    case "REFRESH_TOKEN":
    case "CUSTOM_AUTH":
      return true;
    case "USER_SRP_AUTH":
      return !customOnly;
    case "USER_PASSWORD_AUTH":
      return !customOnly && flows.includes("USER_PASSWORD_AUTH");
    case "ADMIN_NO_SRP_AUTH":
    case "ADMIN_USER_PASSWORD_AUTH":
      return !customOnly && flows.includes("ADMIN_NO_SRP_AUTH");
    case "USER_AUTH":
      return false;
  }
}
