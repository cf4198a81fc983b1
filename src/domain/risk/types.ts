import type { RiskConfigurationType } from "@aws-sdk/client-cognito-identity-provider";

/** What SetRiskConfiguration sets, as given. */
export type RiskConfigurationSettings = Pick<
  RiskConfigurationType,
  "CompromisedCredentialsRiskConfiguration" | "AccountTakeoverRiskConfiguration" | "RiskExceptionConfiguration"
>;

/** A risk configuration of a pool (clientId undefined) or of one of its app clients. */
export interface RiskConfigurationRecord {
  poolId: string;
  clientId?: string;
  settings: RiskConfigurationSettings;
  lastModifiedAt: Date;
}
