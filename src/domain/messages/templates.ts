import type { UserPoolRecord } from "../pools/types.js";
import { randomString, type Random } from "../random.js";
import type { MessageChannel } from "./types.js";

export interface MessageText {
  /** Emails only. */
  subject: string | null;
  body: string;
}

const CODE_PLACEHOLDER = "{####}";
const USERNAME_PLACEHOLDER = "{username}";

// Cognito's defaults when the pool sets no template.
const DEFAULT_INVITATION = "Your username is {username} and temporary password is {####}.";
const DEFAULT_INVITATION_SUBJECT = "Your temporary password";
const DEFAULT_VERIFICATION = "Your verification code is {####}.";
const DEFAULT_VERIFICATION_SUBJECT = "Your verification code";
const DEFAULT_AUTHENTICATION = "Your authentication code is {####}.";
const DEFAULT_AUTHENTICATION_SUBJECT = "Your authentication code";

/**
 * The AdminCreateUser invitation from the pool's InviteMessageTemplate. Undefined when the template lacks
 * the `{####}` placeholder: Cognito then does not deliver the invitation at all.
 */
export function invitationText(
  pool: UserPoolRecord,
  channel: MessageChannel,
  username: string,
  temporaryPassword: string,
): MessageText | undefined {
  const template = pool.config.AdminCreateUserConfig?.InviteMessageTemplate;
  const body = channel === "EMAIL" ? (template?.EmailMessage ?? DEFAULT_INVITATION) : (template?.SMSMessage ?? DEFAULT_INVITATION);
  if (!body.includes(CODE_PLACEHOLDER)) return undefined;
  return {
    subject: channel === "EMAIL" ? (template?.EmailSubject ?? DEFAULT_INVITATION_SUBJECT) : null,
    body: fill(body, { [USERNAME_PLACEHOLDER]: username, [CODE_PLACEHOLDER]: temporaryPassword }),
  };
}

/** A code message (password reset, attribute verification) from the pool's verification template. */
export function verificationText(pool: UserPoolRecord, channel: MessageChannel, code: string): MessageText {
  const template = pool.config.VerificationMessageTemplate;
  if (channel === "SMS") {
    const body = template?.SmsMessage ?? pool.config.SmsVerificationMessage ?? DEFAULT_VERIFICATION;
    return { subject: null, body: fill(body, { [CODE_PLACEHOLDER]: code }) };
  }
  const body = template?.EmailMessage ?? pool.config.EmailVerificationMessage ?? DEFAULT_VERIFICATION;
  return {
    subject: template?.EmailSubject ?? pool.config.EmailVerificationSubject ?? DEFAULT_VERIFICATION_SUBJECT,
    body: fill(body, { [CODE_PLACEHOLDER]: code }),
  };
}

/**
 * A sign-in code message (SMS or email MFA, passwordless sign-in): the pool's SmsAuthenticationMessage for a
 * text, its EmailMfaConfiguration's Message and Subject for an email (docs/behaviour.md#mfa-challenges).
 */
export function authenticationText(pool: UserPoolRecord, channel: MessageChannel, code: string): MessageText {
  if (channel === "SMS") {
    return { subject: null, body: fill(pool.config.SmsAuthenticationMessage ?? DEFAULT_AUTHENTICATION, { [CODE_PLACEHOLDER]: code }) };
  }
  const email = pool.config.MfaFactors?.EmailMfa;
  return {
    subject: email?.Subject ?? DEFAULT_AUTHENTICATION_SUBJECT,
    body: fill(email?.Message ?? DEFAULT_AUTHENTICATION, { [CODE_PLACEHOLDER]: code }),
  };
}

/** A six-digit code, as Cognito sends. */
export function newVerificationCode(random: Random): string {
  return randomString(random, 6, "0123456789");
}

// split/join, not String.replace: a password may contain `$&`-style replacement patterns.
function fill(template: string, values: Record<string, string>): string {
  let text = template;
  for (const [placeholder, value] of Object.entries(values)) text = text.split(placeholder).join(value);
  return text;
}
