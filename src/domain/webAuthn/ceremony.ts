import { webAuthnCredentialMalformed } from "../../errors/catalogue.js";

/*
 * What both ceremonies read from a browser's answer before handing it to @simplewebauthn/server: its shape,
 * and the client data that says which challenge, origin and ceremony it is for. Checking these first lets
 * each mismatch be answered with Cognito's own exception rather than the library's wording.
 */

/** The client data a browser signs over: the ceremony, the challenge it answers, the page's origin. */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
}

type CredentialMember = "Credential" | "CREDENTIAL";

/** A RegistrationResponseJSON or AuthenticationResponseJSON whose `response` holds the named base64url members. */
export function publicKeyCredential<Member extends string>(
  value: unknown,
  members: readonly Member[],
  name: CredentialMember,
): { id: string; rawId: string; type: "public-key"; response: Record<Member, string> & Record<string, unknown> } & Record<string, unknown> {
  if (!isObject(value) || typeof value.id !== "string" || value.id === "" || value.type !== "public-key" || !isObject(value.response)) {
    throw webAuthnCredentialMalformed(name);
  }
  const response = value.response;
  if (!members.every((member) => typeof response[member] === "string" && isBase64Url(response[member] as string))) {
    throw webAuthnCredentialMalformed(name);
  }
  if (!isBase64Url(value.id)) throw webAuthnCredentialMalformed(name);
  return { ...value, rawId: typeof value.rawId === "string" ? value.rawId : value.id } as never;
}

/** The decoded clientDataJSON; anything that is not one is a malformed credential. */
export function clientData(clientDataJSON: string, name: CredentialMember): ClientData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
  } catch {
    throw webAuthnCredentialMalformed(name);
  }
  if (!isObject(parsed) || typeof parsed.type !== "string" || typeof parsed.challenge !== "string" || typeof parsed.origin !== "string") {
    throw webAuthnCredentialMalformed(name);
  }
  return { type: parsed.type, challenge: parsed.challenge, origin: parsed.origin };
}

/** A CREDENTIAL challenge response is the credential as JSON text. */
export function parsedCredentialText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw webAuthnCredentialMalformed("CREDENTIAL");
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isBase64Url(value: string): boolean {
  return /^[A-Za-z0-9_-]*={0,2}$/u.test(value);
}
