import type { AuthFactorType, GetUserAuthFactorsResponse } from "@aws-sdk/client-cognito-identity-provider";
import { availableChallenges } from "../auth/choiceSignIn.js";
import type { UserPoolRecord } from "../pools/types.js";
import type { MfaFactorName, UserRecord } from "../users/types.js";
import { FACTOR_ORDER, mfaSettingsOf } from "./userMfa.js";

/** The auth factor each MFA factor is counted as among ConfiguredUserAuthFactors. */
const AS_AUTH_FACTOR: Record<MfaFactorName, AuthFactorType> = { SMS_MFA: "SMS_OTP", SOFTWARE_TOKEN_MFA: "SOFTWARE_TOKEN", EMAIL_OTP: "EMAIL_OTP" };
const ORDER: readonly AuthFactorType[] = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN", "SOFTWARE_TOKEN"];

/**
 * GetUserAuthFactors / AdminGetUserAuthFactors: the user's MFA settings as GetUser reports them, and the
 * factors the user can sign in with (docs/behaviour.md#passwordless-sign-in): PASSWORD when they have a
 * password, the one-time codes USER_AUTH would offer them as a first factor, and their MFA factors.
 */
export function userAuthFactors(pool: UserPoolRecord, user: UserRecord): GetUserAuthFactorsResponse {
  const { UserMFASettingList, PreferredMfaSetting } = mfaSettingsOf(user);
  const firstFactors = availableChallenges(pool, user).flatMap((challenge): AuthFactorType[] =>
    challenge === "EMAIL_OTP" || challenge === "SMS_OTP" ? [challenge] : [],
  );
  const configured = new Set<AuthFactorType>([
    ...(user.password === undefined ? [] : (["PASSWORD"] as const)),
    ...firstFactors,
    ...FACTOR_ORDER.filter((factor) => user.mfa?.enabled.includes(factor)).map((factor) => AS_AUTH_FACTOR[factor]),
  ]);
  return {
    Username: user.username,
    ...(PreferredMfaSetting === undefined ? {} : { PreferredMfaSetting }),
    ...(UserMFASettingList === undefined ? {} : { UserMFASettingList }),
    ConfiguredUserAuthFactors: ORDER.filter((factor) => configured.has(factor)),
  };
}
