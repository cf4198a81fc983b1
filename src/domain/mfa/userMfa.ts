import type {
  AdminSetUserMFAPreferenceRequest,
  EmailMfaSettingsType,
  MFAOptionType,
  SMSMfaSettingsType,
  SoftwareTokenMfaSettingsType,
} from "@aws-sdk/client-cognito-identity-provider";
import {
  emailMfaNotEnabledInPool,
  mfaFactorWithoutDeliveryConfig,
  mfaOptionNotSms,
  preferredMfaNotEnabled,
  severalPreferredMfa,
  userNotFound,
} from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";
import { withAttributes } from "../users/aliases.js";
import { isVerified, VERIFIED_FLAG } from "../users/attributes.js";
import type { MfaFactorName, UserMfa, UserRecord } from "../users/types.js";
import type { UserPoolRecord } from "../pools/types.js";
import { enabledFactors } from "./poolMfaConfig.js";

/** Cognito's order of factors in UserMFASettingList. */
export const FACTOR_ORDER: readonly MfaFactorName[] = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"];

type FactorSettings = SMSMfaSettingsType | SoftwareTokenMfaSettingsType | EmailMfaSettingsType;

/** The MFA members of GetUser and AdminGetUser: present only for a user with a factor on. */
export function mfaSettingsOf(user: UserRecord): {
  UserMFASettingList?: string[];
  PreferredMfaSetting?: string;
  MFAOptions?: MFAOptionType[];
} {
  const enabled = user.mfa?.enabled ?? [];
  if (enabled.length === 0) return {};
  return {
    // The legacy member describes SMS MFA only (docs/behaviour.md#user-mfa-settings).
    ...(enabled.includes("SMS_MFA") ? { MFAOptions: [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }] } : {}),
    UserMFASettingList: [...enabled],
    ...(user.mfa?.preferred === undefined ? {} : { PreferredMfaSetting: user.mfa.preferred }),
  };
}

/**
 * SetUserMFAPreference / AdminSetUserMFAPreference: each factor the request names is turned on or off and
 * made preferred or not; a factor it leaves out stays as it is, as Cognito documents. A factor can only be
 * turned on when the user can receive it (docs/behaviour.md#user-mfa-settings).
 */
export function withMfaPreference(
  pool: UserPoolRecord,
  user: UserRecord,
  request: Pick<AdminSetUserMFAPreferenceRequest, "SMSMfaSettings" | "SoftwareTokenMfaSettings" | "EmailMfaSettings" | "WebAuthnMfaSettings">,
  now: Date,
): UserRecord {
  const requested: [MfaFactorName, FactorSettings | undefined][] = [
    ["SMS_MFA", request.SMSMfaSettings],
    ["SOFTWARE_TOKEN_MFA", request.SoftwareTokenMfaSettings],
    ["EMAIL_OTP", request.EmailMfaSettings],
  ];
  if (request.WebAuthnMfaSettings?.Enabled === true) throw mfaFactorWithoutDeliveryConfig("WEB_AUTHN");
  const preferredCount = requested.filter(([, settings]) => settings?.PreferredMfa === true).length;
  if (preferredCount > 1) throw severalPreferredMfa();
  let mfa: UserMfa = user.mfa ?? { enabled: [] };
  for (const [factor, settings] of requested) {
    if (settings === undefined) continue;
    const enabled = settings.Enabled ?? mfa.enabled.includes(factor);
    if (settings.PreferredMfa === true && !enabled) throw preferredMfaNotEnabled();
    if (enabled && !mfa.enabled.includes(factor)) checkCanReceive(pool, user, factor);
    mfa = withFactor(mfa, factor, enabled, settings.PreferredMfa);
  }
  return { ...user, mfa, lastModifiedAt: now };
}

/**
 * SetUserSettings / AdminSetUserSettings, the legacy way to choose SMS MFA: an SMS option to the phone
 * number turns it on, an empty list turns it off.
 */
export function withMfaOptions(pool: UserPoolRecord, user: UserRecord, options: readonly MFAOptionType[], now: Date): UserRecord {
  for (const option of options) {
    if (option.DeliveryMedium !== "SMS" || (option.AttributeName ?? "phone_number") !== "phone_number") throw mfaOptionNotSms();
  }
  const mfa = user.mfa ?? { enabled: [] };
  const enabled = options.length > 0;
  if (enabled && !mfa.enabled.includes("SMS_MFA")) checkCanReceive(pool, user, "SMS_MFA");
  return { ...user, mfa: withFactor(mfa, "SMS_MFA", enabled, undefined), lastModifiedAt: now };
}

/**
 * The user after answering an MFA_SETUP challenge with an email address and then the code sent there
 * (docs/behaviour.md#mfa-challenges): that address, verified, and email MFA on (not preferred, as a verified
 * authenticator app is not).
 */
export function withEmailMfaSetUp(pool: UserPoolRecord, user: UserRecord, email: string, now: Date): UserRecord {
  const attributes = { ...user.attributes, email, [VERIFIED_FLAG.email]: "true" };
  const withEmail = withAttributes(pool, user, attributes, now);
  return { ...withEmail, mfa: withFactor(user.mfa ?? { enabled: [] }, "EMAIL_OTP", true, undefined) };
}

function withFactor(mfa: UserMfa, factor: MfaFactorName, enabled: boolean, preferred: boolean | undefined): UserMfa {
  const factors = FACTOR_ORDER.filter((name) => (name === factor ? enabled : mfa.enabled.includes(name)));
  let chosen = mfa.preferred;
  if (preferred === true) chosen = factor;
  else if (chosen === factor && (preferred === false || !enabled)) chosen = undefined;
  const { preferred: _previous, ...rest } = mfa;
  return { ...rest, enabled: factors, ...(chosen === undefined ? {} : { preferred: chosen }) };
}

/** Codes go to the phone number, to the verified email address, or come from the verified authenticator app. */
function checkCanReceive(pool: UserPoolRecord, user: UserRecord, factor: MfaFactorName): void {
  if (factor === "SMS_MFA" && user.attributes.phone_number === undefined) throw mfaFactorWithoutDeliveryConfig(factor);
  if (factor === "SOFTWARE_TOKEN_MFA" && user.mfa?.softwareToken === undefined) throw mfaFactorWithoutDeliveryConfig(factor);
  if (factor === "EMAIL_OTP") {
    if (!enabledFactors(pool).email) throw emailMfaNotEnabledInPool();
    if (user.attributes.email === undefined || !isVerified(user.attributes, "email")) throw mfaFactorWithoutDeliveryConfig(factor);
  }
}

/** Writes the user's new MFA settings; a user deleted meanwhile is `UserNotFoundException`. */
export async function saveUserMfa(store: Store, user: UserRecord): Promise<void> {
  if (!(await store.users.update(user))) throw userNotFound();
}
