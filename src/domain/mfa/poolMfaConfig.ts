import type {
  GetUserPoolMfaConfigResponse,
  SetUserPoolMfaConfigRequest,
  WebAuthnConfigurationType,
} from "@aws-sdk/client-cognito-identity-provider";
import { featureNotInTier, mfaOffWithFactors, mfaWithoutFactor } from "../../errors/catalogue.js";
import { mfaConfiguration, userPoolTier } from "../pools/settings.js";
import type { MfaFactors, UserPoolRecord } from "../pools/types.js";

/** Which second factors a pool offers, with the defaults of a pool SetUserPoolMfaConfig never touched. */
export interface EnabledFactors {
  sms: boolean;
  softwareToken: boolean;
  email: boolean;
}

/**
 * The second factors the pool offers. A pool created or updated with MFA on and an SMS configuration
 * offers SMS MFA until SetUserPoolMfaConfig says otherwise (docs/behaviour.md#mfa-configuration).
 */
export function enabledFactors(pool: UserPoolRecord): EnabledFactors {
  const factors = pool.config.MfaFactors ?? {};
  const mfaOn = mfaConfiguration(pool) !== "OFF";
  return {
    sms: mfaOn && (factors.SmsMfa ?? pool.config.SmsConfiguration !== undefined),
    softwareToken: mfaOn && factors.SoftwareTokenMfa === true,
    email: mfaOn && factors.EmailMfa !== undefined,
  };
}

/** GetUserPoolMfaConfig (and SetUserPoolMfaConfig's answer): the mode, and each factor that is on or was set. */
export function toMfaConfig(pool: UserPoolRecord): GetUserPoolMfaConfigResponse {
  const factors = pool.config.MfaFactors ?? {};
  const enabled = enabledFactors(pool);
  return {
    MfaConfiguration: mfaConfiguration(pool),
    ...(enabled.sms
      ? {
          SmsMfaConfiguration: withoutUndefined({
            SmsAuthenticationMessage: pool.config.SmsAuthenticationMessage,
            SmsConfiguration: pool.config.SmsConfiguration,
          }),
        }
      : {}),
    ...(factors.SoftwareTokenMfa === undefined ? {} : { SoftwareTokenMfaConfiguration: { Enabled: factors.SoftwareTokenMfa } }),
    ...(factors.EmailMfa === undefined ? {} : { EmailMfaConfiguration: factors.EmailMfa }),
    ...(factors.WebAuthn === undefined ? {} : { WebAuthnConfiguration: factors.WebAuthn }),
  };
}

/**
 * The pool after SetUserPoolMfaConfig. The request states the whole set of second factors: one it leaves
 * out is off. A missing `MfaConfiguration` or `WebAuthnConfiguration` keeps the pool's
 * (docs/behaviour.md#mfa-configuration).
 */
export function withMfaConfig(pool: UserPoolRecord, request: SetUserPoolMfaConfigRequest, now: Date): UserPoolRecord {
  const mode = request.MfaConfiguration ?? mfaConfiguration(pool);
  const sms = request.SmsMfaConfiguration !== undefined;
  const softwareToken = request.SoftwareTokenMfaConfiguration?.Enabled === true;
  const email = request.EmailMfaConfiguration !== undefined;
  if (mode === "OFF" && (sms || softwareToken || email)) throw mfaOffWithFactors();
  if (mode !== "OFF" && !sms && !softwareToken && !email) throw mfaWithoutFactor();
  const tier = userPoolTier(pool);
  if (email && tier === "LITE") throw featureNotInTier(tier, "Email MFA");
  const current = pool.config.MfaFactors ?? {};
  const webAuthn = request.WebAuthnConfiguration === undefined ? current.WebAuthn : withWebAuthnDefaults(request.WebAuthnConfiguration);
  const MfaFactors: MfaFactors = withoutUndefined({
    SmsMfa: sms,
    SoftwareTokenMfa: request.SoftwareTokenMfaConfiguration?.Enabled,
    EmailMfa: request.EmailMfaConfiguration,
    WebAuthn: webAuthn,
  });
  return {
    ...pool,
    lastModifiedAt: now,
    config: withoutUndefined({
      ...pool.config,
      MfaConfiguration: mode,
      SmsAuthenticationMessage: request.SmsMfaConfiguration?.SmsAuthenticationMessage ?? pool.config.SmsAuthenticationMessage,
      SmsConfiguration: request.SmsMfaConfiguration?.SmsConfiguration ?? pool.config.SmsConfiguration,
      MfaFactors,
    }),
  };
}

/** Passkeys ask for user verification when the authenticator can give it unless the pool says otherwise. */
function withWebAuthnDefaults(given: WebAuthnConfigurationType): WebAuthnConfigurationType {
  return { ...given, UserVerification: given.UserVerification ?? "preferred" };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
