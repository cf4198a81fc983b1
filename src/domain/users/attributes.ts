import type { AttributeType, SchemaAttributeType } from "@aws-sdk/client-cognito-identity-provider";
import { CognitoError } from "../../errors/cognitoError.js";
import { requiredAttributes, schemaAttribute, type UserPoolRecord } from "../pools/index.js";

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

/**
 * Checks the names, then the values, of attributes an administrator writes, throwing the first failure as
 * `InvalidParameterException`. `sub` is never writable; immutable attributes only at creation. A blank value
 * in an update means "delete" (checked by checkDeletable) and is not a value to check here.
 */
export function checkWrittenAttributes(pool: UserPoolRecord, attributes: Record<string, string>, write: AttributeWrite): void {
  for (const name of Object.keys(attributes)) {
    if (name === "sub") throw immutableAttribute(name);
    const schema = schemaAttribute(pool, name);
    if (schema === undefined) throw unknownAttribute(name, write);
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
    if (schema === undefined) throw unknownAttribute(name, "update");
    if (schema.Mutable === false) throw immutableAttribute(name);
  }
  const required = requiredAttributes(pool);
  for (const name of names) {
    if (required.includes(name)) {
      throw new CognitoError("InvalidParameterException", `Invalid user attributes: ${name}: Required attribute cannot be deleted.`);
    }
  }
}

/** A verification flag needs the attribute it verifies, in the attributes the user ends up with. */
export function checkVerifiedFlags(attributes: Record<string, string>): void {
  if (attributes.email_verified !== undefined && attributes.email === undefined) {
    throw new CognitoError("InvalidParameterException", "Email is required to verify/un-verify an email");
  }
  if (attributes.phone_number_verified !== undefined && attributes.phone_number === undefined) {
    throw new CognitoError("InvalidParameterException", "Phone Number is required to verify/un-verify a phone number");
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
  if (name === "email" && !isEmailAddress(value)) {
    throw new CognitoError("InvalidParameterException", "Invalid email address format.");
  }
  if (name === "phone_number" && !isPhoneNumber(value)) {
    throw new CognitoError("InvalidParameterException", "Invalid phone number format.");
  }
  switch (schema.AttributeDataType) {
    case "Boolean":
      if (value !== "true" && value !== "false") throw invalidValue(name, "Boolean value must be true or false", write);
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
  if (min !== undefined && value.length < min) {
    throw invalidValue(name, `String must be no shorter than ${min} characters`, write);
  }
  if (max !== undefined && value.length > max) {
    throw invalidValue(name, `String must be no longer than ${max} characters`, write);
  }
}

function checkNumber(schema: SchemaAttributeType, name: string, value: string, write: AttributeWrite): void {
  if (!/^-?[0-9]+$/.test(value)) throw invalidValue(name, "Number must be an integer", write);
  const number = Number(value);
  const min = constraint(schema.NumberAttributeConstraints?.MinValue);
  const max = constraint(schema.NumberAttributeConstraints?.MaxValue);
  if (min !== undefined && number < min) throw invalidValue(name, `Number must be no less than ${min}`, write);
  if (max !== undefined && number > max) throw invalidValue(name, `Number must be no greater than ${max}`, write);
}

function constraint(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

function unknownAttribute(name: string, write: AttributeWrite): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    write === "create"
      ? `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`
      : `user.${name}: Attribute does not exist in the schema.\n`,
  );
}

function immutableAttribute(name: string): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `Invalid user attributes: user.${name}: Attribute cannot be updated. (changing an immutable attribute)`,
  );
}

function invalidValue(name: string, problem: string, write: AttributeWrite): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    write === "create"
      ? `Attributes did not conform to the schema: ${name}: ${problem}`
      : `Invalid user attributes: user.${name}: ${problem}`,
  );
}
