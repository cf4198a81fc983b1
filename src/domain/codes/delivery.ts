import { createHash } from "node:crypto";
import type { CodeDeliveryDetailsType } from "@aws-sdk/client-cognito-identity-provider";
import type { MessageChannel } from "../messages/types.js";
import { autoVerifiedAttributes } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";
import { isEmailAddress, isPhoneNumber, isVerified } from "../users/attributes.js";
import type { UserRecord } from "../users/types.js";
import type { CodePurpose } from "./types.js";

/** The attributes a code can be sent to, and so verify. */
export type VerifiableAttribute = "email" | "phone_number";

/** Where one code goes: the attribute, its channel and its current value. */
export interface CodeTarget {
  attribute: VerifiableAttribute;
  channel: MessageChannel;
  destination: string;
}

const CHANNEL_OF: Record<VerifiableAttribute, MessageChannel> = { email: "EMAIL", phone_number: "SMS" };

export function isVerifiableAttribute(name: string): name is VerifiableAttribute {
  return name === "email" || name === "phone_number";
}

/**
 * Where a code for `purpose` goes for this user, or undefined when the user has nowhere to receive it:
 * - signup: the auto-verified attribute the user has, the phone number first (Cognito verifies only the phone
 *   number when both are auto-verified);
 * - reset: the first verified channel in the pool's recovery order (see recoveryOrder);
 * - verify:<attribute>: that attribute, verified or not.
 */
export function codeTarget(pool: UserPoolRecord, user: UserRecord, purpose: CodePurpose): CodeTarget | undefined {
  switch (purpose) {
    case "signup":
      return signUpOrder(pool)
        .map((attribute) => targetOf(user, attribute))
        .find((target) => target !== undefined);
    case "reset":
      return recoveryOrder(pool)
        .filter((attribute) => isVerified(user.attributes, attribute))
        .map((attribute) => targetOf(user, attribute))
        .find((target) => target !== undefined);
    case "verify:email":
      return targetOf(user, "email");
    case "verify:phone_number":
      return targetOf(user, "phone_number");
  }
}

/** The pool's auto-verified attributes, in the order a sign-up code prefers them. */
export function signUpOrder(pool: UserPoolRecord): VerifiableAttribute[] {
  const autoVerified = autoVerifiedAttributes(pool);
  return (["phone_number", "email"] as const).filter((attribute) => autoVerified.includes(attribute));
}

const RECOVERY_ATTRIBUTE = { verified_email: "email", verified_phone_number: "phone_number" } as const;

/**
 * The attributes a password-reset code may go to, best first: the pool's AccountRecoverySetting by priority,
 * or without one (or with only admin_only) Cognito's legacy order, SMS before email.
 */
export function recoveryOrder(pool: UserPoolRecord): VerifiableAttribute[] {
  const configured = [...(pool.config.AccountRecoverySetting?.RecoveryMechanisms ?? [])]
    .sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))
    .flatMap((mechanism) =>
      mechanism.Name === "verified_email" || mechanism.Name === "verified_phone_number" ? [RECOVERY_ATTRIBUTE[mechanism.Name]] : [],
    );
  return configured.length > 0 ? configured : ["phone_number", "email"];
}

/** True when the pool's AccountRecoverySetting leaves password recovery to administrators alone. */
export function recoveryIsAdminOnly(pool: UserPoolRecord): boolean {
  const mechanisms = pool.config.AccountRecoverySetting?.RecoveryMechanisms ?? [];
  return mechanisms.length > 0 && mechanisms.every((mechanism) => mechanism.Name === "admin_only");
}

/** What the API tells the caller about a sent code: the channel and the destination, masked. */
export function deliveryDetails(target: CodeTarget): CodeDeliveryDetailsType {
  return { Destination: maskDestination(target), DeliveryMedium: target.channel, AttributeName: target.attribute };
}

/**
 * A destination as Cognito shows it: an email as its first character, `***@`, the domain's first character
 * and `***` (`j***@e***`); a phone number as `+`, a star for every digit but the last four, and those four
 * (`+*******0123`).
 */
export function maskDestination(target: Pick<CodeTarget, "channel" | "destination">): string {
  if (target.channel === "SMS") {
    const digits = target.destination.replace(/^\+/, "");
    const shown = Math.min(4, digits.length);
    return `+${"*".repeat(digits.length - shown)}${digits.slice(digits.length - shown)}`;
  }
  const at = target.destination.lastIndexOf("@");
  const local = target.destination.slice(0, at);
  const domain = target.destination.slice(at + 1);
  return `${[...local][0] ?? ""}***@${[...domain][0] ?? ""}***`;
}

/**
 * The reply PreventUserExistenceErrors gives for a user who cannot be sent a code (unknown, disabled, or
 * without a channel): delivery details that look like a real user's. As Cognito does, the medium follows
 * the name typed when it is an email address or a phone number, else the pool's settings (the first of
 * `preferred` the pool auto-verifies, else the first of `preferred`). The destination is derived from the
 * pool and the name, so asking twice gives the same answer, as it would for a real user.
 */
export function simulatedDeliveryDetails(
  pool: UserPoolRecord,
  username: string,
  preferred: readonly VerifiableAttribute[],
): CodeDeliveryDetailsType {
  if (isEmailAddress(username)) return deliveryDetails({ attribute: "email", channel: "EMAIL", destination: username });
  if (isPhoneNumber(username)) return deliveryDetails({ attribute: "phone_number", channel: "SMS", destination: username });
  const autoVerified = autoVerifiedAttributes(pool);
  const attribute = preferred.find((candidate) => autoVerified.includes(candidate)) ?? preferred[0] ?? "email";
  const seed = createHash("sha256").update(`${pool.id}\u0000${username}`).digest();
  const destination =
    attribute === "email"
      ? `${username}@${"abcdefghijklmnopqrstuvwxyz"[seed[0]! % 26]}.example`
      : `+1${[...seed.subarray(0, 10)].map((byte) => byte % 10).join("")}`;
  return deliveryDetails({ attribute, channel: CHANNEL_OF[attribute], destination });
}

/**
 * Where a code for `purpose` goes when it verifies a new value not yet applied (see PendingCodeRecord's
 * pendingValue): that value. Only attribute codes carry one.
 */
export function pendingValueTarget(purpose: CodePurpose, value: string): CodeTarget {
  if (purpose !== "verify:email" && purpose !== "verify:phone_number") throw new Error(`a ${purpose} code carries no pending value`);
  const attribute = purpose === "verify:email" ? "email" : "phone_number";
  return { attribute, channel: CHANNEL_OF[attribute], destination: value };
}

function targetOf(user: UserRecord, attribute: VerifiableAttribute): CodeTarget | undefined {
  const destination = user.attributes[attribute];
  if (destination === undefined || destination === "") return undefined;
  return { attribute, channel: CHANNEL_OF[attribute], destination };
}
