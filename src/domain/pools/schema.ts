import type {
  NumberAttributeConstraintsType,
  SchemaAttributeType,
  StringAttributeConstraintsType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoError } from "../../errors/cognitoError.js";
import {
  attributeDataTypeMissing,
  customAttributeNameTaken,
  invalidNumberConstraints,
  invalidStringConstraints,
  maxLengthBelowMinLength,
  maxValueBelowMinValue,
  requiredCustomAttribute,
  standardAttributeTypeFixed,
  stringLengthOverLimit,
  tooManyCustomAttributes,
} from "../../errors/catalogue.js";

/** A schema attribute as a pool stores and describes it: every member present except the unused constraints. */
export type PoolAttribute = SchemaAttributeType &
  Required<Pick<SchemaAttributeType, "Name" | "AttributeDataType" | "DeveloperOnlyAttribute" | "Mutable" | "Required">>;

const FREE_TEXT: StringAttributeConstraintsType = { MinLength: "0", MaxLength: "2048" };

function standard(
  Name: string,
  shape: { type?: "String" | "Boolean" | "Number"; mutable?: boolean; required?: boolean } = {},
  constraints: Pick<SchemaAttributeType, "StringAttributeConstraints" | "NumberAttributeConstraints"> = {
    StringAttributeConstraints: FREE_TEXT,
  },
): PoolAttribute {
  return {
    Name,
    AttributeDataType: shape.type ?? "String",
    DeveloperOnlyAttribute: false,
    Mutable: shape.mutable ?? true,
    Required: shape.required ?? false,
    ...(shape.type === "Boolean" ? {} : constraints),
  };
}

/**
 * The standard attributes of every pool, in the order and with the properties DescribeUserPool reports
 * for a pool created through the API. (`identities` appears only on pools that federate, so it is not here.)
 */
export const STANDARD_ATTRIBUTES: readonly PoolAttribute[] = [
  standard("sub", { mutable: false, required: true }, { StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" } }),
  standard("name"),
  standard("given_name"),
  standard("family_name"),
  standard("middle_name"),
  standard("nickname"),
  standard("preferred_username"),
  standard("profile"),
  standard("picture"),
  standard("website"),
  standard("email"),
  standard("email_verified", { type: "Boolean" }),
  standard("gender"),
  standard("birthdate", {}, { StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } }),
  standard("zoneinfo"),
  standard("locale"),
  standard("phone_number"),
  standard("phone_number_verified", { type: "Boolean" }),
  standard("address"),
  standard("updated_at", { type: "Number" }, { NumberAttributeConstraints: { MinValue: "0" } }),
];

/** Cognito's quota of custom attributes per pool (developer-only ones included). */
export const MAX_CUSTOM_ATTRIBUTES = 50;

/** The longest value a string attribute may be constrained to. */
const MAX_STRING_LENGTH = 2048;

const CUSTOM_PREFIX = "custom:";
const DEVELOPER_PREFIX = "dev:";

/**
 * The schema of a new pool: the standard attributes with the request's overrides applied in place,
 * then the request's custom attributes in the order given.
 */
export function poolSchema(requested: readonly SchemaAttributeType[] = []): PoolAttribute[] {
  const schema = STANDARD_ATTRIBUTES.map((attribute) => ({ ...attribute }));
  const custom: SchemaAttributeType[] = [];
  for (const request of requested) {
    const index = schema.findIndex((attribute) => attribute.Name === request.Name);
    if (index >= 0) schema[index] = overriddenStandard(schema[index]!, request);
    else custom.push(request);
  }
  return withNewCustomAttributes(schema, custom);
}

/**
 * The schema with custom attributes appended (AddCustomAttributes). A name already taken by a custom or
 * developer-only attribute is refused, as is going over the quota.
 */
export function withNewCustomAttributes(
  schema: readonly PoolAttribute[],
  requested: readonly SchemaAttributeType[],
): PoolAttribute[] {
  const result = [...schema];
  for (const request of requested) {
    const attribute = newCustomAttribute(request);
    const customName = `${CUSTOM_PREFIX}${request.Name}`;
    const existing = result.find((held) => bareName(held.Name) === customName);
    if (existing !== undefined) throw customAttributeNameTaken(customName, existing.Name);
    result.push(attribute);
  }
  if (result.filter(isCustom).length > MAX_CUSTOM_ATTRIBUTES) throw tooManyCustomAttributes(MAX_CUSTOM_ATTRIBUTES);
  return result;
}

/** `dev:custom:x` → `custom:x`; other names unchanged. */
function bareName(name: string): string {
  return name.startsWith(DEVELOPER_PREFIX) ? name.slice(DEVELOPER_PREFIX.length) : name;
}

function isCustom(attribute: PoolAttribute): boolean {
  return bareName(attribute.Name).startsWith(CUSTOM_PREFIX);
}

function overriddenStandard(attribute: PoolAttribute, request: SchemaAttributeType): PoolAttribute {
  const changesType = request.AttributeDataType !== undefined && request.AttributeDataType !== attribute.AttributeDataType;
  if (changesType || request.DeveloperOnlyAttribute === true) throw standardAttributeTypeFixed(attribute.Name);
  return {
    ...attribute,
    Mutable: request.Mutable ?? attribute.Mutable,
    Required: request.Required ?? attribute.Required,
    ...checkedConstraints(attribute.Name, attribute.AttributeDataType, request),
  };
}

function newCustomAttribute(request: SchemaAttributeType): PoolAttribute {
  if (request.AttributeDataType === undefined) throw attributeDataTypeMissing();
  if (request.Required === true) throw requiredCustomAttribute();
  const developerOnly = request.DeveloperOnlyAttribute ?? false;
  const name = `${developerOnly ? DEVELOPER_PREFIX : ""}${CUSTOM_PREFIX}${request.Name}`;
  const constraints = checkedConstraints(name, request.AttributeDataType, request);
  return {
    Name: name,
    AttributeDataType: request.AttributeDataType,
    DeveloperOnlyAttribute: developerOnly,
    Mutable: request.Mutable ?? true,
    Required: false,
    // Cognito bounds an unconstrained custom string by the longest value any attribute may hold.
    ...(request.AttributeDataType === "String" && constraints.StringAttributeConstraints === undefined
      ? { StringAttributeConstraints: { MaxLength: String(MAX_STRING_LENGTH) } }
      : constraints),
  };
}

/** The constraints that apply to the attribute's type, checked; constraints for another type are dropped. */
function checkedConstraints(
  name: string,
  type: string,
  request: SchemaAttributeType,
): Pick<SchemaAttributeType, "StringAttributeConstraints" | "NumberAttributeConstraints"> {
  if (type === "String" && request.StringAttributeConstraints !== undefined) {
    return { StringAttributeConstraints: checkedStringConstraints(name, request.StringAttributeConstraints) };
  }
  if (type === "Number" && request.NumberAttributeConstraints !== undefined) {
    return { NumberAttributeConstraints: checkedNumberConstraints(name, request.NumberAttributeConstraints) };
  }
  return {};
}

function checkedStringConstraints(name: string, constraints: StringAttributeConstraintsType): StringAttributeConstraintsType {
  const invalid = () => invalidStringConstraints(name);
  const min = integerOrUndefined(constraints.MinLength, invalid);
  const max = integerOrUndefined(constraints.MaxLength, invalid);
  if ((min !== undefined && min < 0) || (max !== undefined && max < 0)) throw invalid();
  if ((min ?? 0) > MAX_STRING_LENGTH || (max ?? 0) > MAX_STRING_LENGTH) throw stringLengthOverLimit(name, MAX_STRING_LENGTH);
  if (min !== undefined && max !== undefined && min > max) throw maxLengthBelowMinLength(name);
  return pickDefined({ MinLength: constraints.MinLength, MaxLength: constraints.MaxLength });
}

function checkedNumberConstraints(name: string, constraints: NumberAttributeConstraintsType): NumberAttributeConstraintsType {
  const invalid = () => invalidNumberConstraints(name);
  const min = integerOrUndefined(constraints.MinValue, invalid);
  const max = integerOrUndefined(constraints.MaxValue, invalid);
  if (min !== undefined && max !== undefined && min > max) throw maxValueBelowMinValue(name);
  return pickDefined({ MinValue: constraints.MinValue, MaxValue: constraints.MaxValue });
}

/** Constraint bounds travel as strings; only whole numbers are bounds. */
function integerOrUndefined(value: string | undefined, invalid: () => CognitoError): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw invalid();
  return Number(value);
}

function pickDefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
