import { oauthInvalidRequest } from "../../errors/catalogue.js";

/** A form-encoded request's fields, each with every value it was sent with. */
export type FormFields = Readonly<Record<string, readonly string[]>>;

/** The field's one value; a field sent twice is `invalid_request` (RFC 6749 §3.1: parameters must not repeat). */
export function optionalField(form: FormFields, name: string): string | undefined {
  const values = form[name];
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw oauthInvalidRequest(`${name} is repeated`);
  return values[0];
}

export function requiredField(form: FormFields, name: string): string {
  const value = optionalField(form, name);
  if (value === undefined || value === "") throw oauthInvalidRequest(`${name} is required`);
  return value;
}
