import type { AttributeType, SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import {
  attributeAboveMaximum,
  attributeBelowMinimum,
  attributeNotBoolean,
  attributeNotInSchema,
  attributeNotInteger,
  attributeTooLong,
  attributeTooShort,
  emailRequiredToVerify,
  immutableAttribute,
  invalidEmailAddress,
  invalidPhoneNumber,
  phoneNumberRequiredToVerify,
  requiredAttributeNotDeletable,
} from "../../errors/catalogue.js";
import { requiredAttributes, schemaAttribute } from "../pools/settings.js";
import type { UserPoolRecord } from "../pools/types.js";

/**
 * Which call writes attributes. Cognito words schema failures differently for a new user (AdminCreateUser,
 * SignUp: "Attributes did not conform to the schema: …") and for an existing one (the update calls:
 * "Invalid user attributes: user.<name>: …").
 */
export type AttributeWrite = "create" | "update";

/**
 * The attributes of a request as a map; a name given twice keeps its last value. Prototype-free, so a name
 * like `__proto__` is an attribute like any other (and then refused as not in the schema).
 */
export function attributeMap(list: readonly AttributeType[] | undefined): Record<string, string> {
  const map: Record<string, string> = Object.create(null);
  for (const attribute of list ?? []) map[attribute.Name!] = attribute.Value ?? "";
  return map;
}

/** Every attribute as the API lists them, `sub` first as Cognito does. */
export function toAttributeList(attributes: Record<string, string>): AttributeType[] {
  const names = Object.keys(attributes).sort((a, b) => (a === "sub" ? -1 : b === "sub" ? 1 : 0));
  return names.map((name) => ({ Name: name, Value: attributes[name]! }));
}

export const VERIFIED_FLAG = { email: "email_verified", phone_number: "phone_number_verified" } as const;

// Cognito accepts `true` and `false` in any letter case and keeps the value as written
// (docs/behaviour.md#boolean-attribute-values). No `u` flag: `i` then folds ASCII letters only, so no
// look-alike such as "ſ" passes for an "s".
const BOOLEAN_VALUE = /^(?:true|false)$/i;
const TRUE_VALUE = /^true$/i;

/** Whether a value is one a Boolean attribute accepts. */
export function isBooleanValue(value: string): boolean {
  return BOOLEAN_VALUE.test(value);
}

/** Whether a Boolean attribute's value, in whatever letter case it was written, means true. */
export function isTrueValue(value: string | undefined): boolean {
  return value !== undefined && TRUE_VALUE.test(value);
}

/** Whether the user's email address or phone number is verified: the one reading of its flag. */
export function isVerified(attributes: Record<string, string>, attribute: keyof typeof VERIFIED_FLAG): boolean {
  return isTrueValue(attributes[VERIFIED_FLAG[attribute]]);
}

/**
 * Checks the names, then the values, of attributes an administrator writes, throwing the first failure as
 * `InvalidParameterException`. `sub` is never writable; immutable attributes only at creation. A blank value
 * in an update means "delete" (checked by checkDeletable) and is not a value to check here.
 */
export function checkWrittenAttributes(pool: UserPoolRecord, attributes: Record<string, string>, write: AttributeWrite): void {
  for (const name of Object.keys(attributes)) {
    if (name === "sub") throw immutableAttribute(name);
    const schema = schemaAttribute(pool, name);
    if (schema === undefined) throw attributeNotInSchema(name, write);
    if (write === "update" && schema.Mutable === false) throw immutableAttribute(name);
  }
  for (const [name, value] of Object.entries(attributes)) {
    if (write === "update" && value === "") continue;
    checkValue(schemaAttribute(pool, name)!, name, value, write);
  }
}

/** Attributes an update or a delete may remove: not `sub`, not an immutable or a required one. */
export function checkDeletable(pool: UserPoolRecord, names: readonly string[]): void {
  for (const name of names) {
    if (name === "sub") throw immutableAttribute(name);
    const schema = schemaAttribute(pool, name);
    if (schema === undefined) throw attributeNotInSchema(name, "update");
    if (schema.Mutable === false) throw immutableAttribute(name);
  }
  const required = requiredAttributes(pool);
  for (const name of names) {
    if (required.includes(name)) throw requiredAttributeNotDeletable(name);
  }
}

/** A verification flag needs the attribute it verifies, in the attributes the user ends up with. */
export function checkVerifiedFlags(attributes: Record<string, string>): void {
  if (attributes.email_verified !== undefined && attributes.email === undefined) throw emailRequiredToVerify();
  if (attributes.phone_number_verified !== undefined && attributes.phone_number === undefined) {
    throw phoneNumberRequiredToVerify();
  }
}

// Cognito's own check is not published; this accepts what mail systems deliver to and refuses the obvious
// mistakes (no @, spaces, no dot in the domain).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
// E.164: a plus, the country code and subscriber number, at most 15 digits.
const PHONE_NUMBER = /^\+[1-9][0-9]{1,14}$/;

export function isEmailAddress(value: string): boolean {
  return EMAIL.test(value);
}

export function isPhoneNumber(value: string): boolean {
  return PHONE_NUMBER.test(value);
}

function checkValue(schema: SchemaAttributeType, name: string, value: string, write: AttributeWrite): void {
  if (name === "email" && !isEmailAddress(value)) throw invalidEmailAddress();
  if (name === "phone_number" && !isPhoneNumber(value)) throw invalidPhoneNumber();
  switch (schema.AttributeDataType) {
    case "Boolean":
      if (!isBooleanValue(value)) throw attributeNotBoolean(name, write);
      return;
    case "Number":
      checkNumber(schema, name, value, write);
      return;
    case "String":
      checkString(schema, name, value, write);
      return;
    default:
      return;
  }
}

function checkString(schema: SchemaAttributeType, name: string, value: string, write: AttributeWrite): void {
  const min = constraint(schema.StringAttributeConstraints?.MinLength);
  const max = constraint(schema.StringAttributeConstraints?.MaxLength);
  if (min !== undefined && value.length < min) throw attributeTooShort(name, min, write);
  if (max !== undefined && value.length > max) throw attributeTooLong(name, max, write);
}

function checkNumber(schema: SchemaAttributeType, name: string, value: string, write: AttributeWrite): void {
  if (!/^-?[0-9]+$/.test(value)) throw attributeNotInteger(name, write);
  const number = Number(value);
  const min = constraint(schema.NumberAttributeConstraints?.MinValue);
  const max = constraint(schema.NumberAttributeConstraints?.MaxValue);
  if (min !== undefined && number < min) throw attributeBelowMinimum(name, min, write);
  if (max !== undefined && number > max) throw attributeAboveMaximum(name, max, write);
}

function constraint(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
