import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as catalogue from "./catalogue.js";
import { CognitoError } from "./cognitoError.js";
import { FrameworkError } from "./frameworkError.js";
import { OAuthError } from "./oauthError.js";

const SRC = fileURLToPath(new URL("..", import.meta.url));

type Catalogue = typeof catalogue;
/** The catalogue's constructors: its exported functions (its phrases and wording constants are not). */
type ConstructorName = {
  [K in keyof Catalogue]: Catalogue[K] extends (...args: never[]) => CognitoError | FrameworkError | OAuthError ? K : never;
}[keyof Catalogue];
type ParameterisedName = { [K in ConstructorName]: Parameters<Catalogue[K]> extends [] ? never : K }[ConstructorName];

/**
 * Arguments for every constructor that takes some, each variant of a wording parameter included. The same
 * values stand for the same kind of argument everywhere, so two constructors with one wording collide.
 */
const samples: { [K in ParameterisedName]: Parameters<Catalogue[K]>[] } = {
  unsupportedMediaType: [["text/plain"], [undefined]],
  unknownOperation: [["x"]],
  noRoute: [["GET", "/x"]],
  operationNotSupported: [["x"]],
  notConvertible: [
    ["x", "integer"],
    [true, "string"],
    [false, "blob"],
    [7, "boolean"],
    [7, "long"],
    [7, "timestamp"],
  ],
  validationFailed: [[["x"]], [["x", "y"]]],
  authorizationIncomplete: [
    [{ credential: true, signature: true, signedHeaders: true, date: true }],
    [{ credential: false, signature: true, signedHeaders: false, date: true }],
  ],
  malformedSigningDate: [["x"]],
  unsupportedSigningAlgorithm: [["x"]],
  malformedCredential: [["x"]],
  signatureExpired: [["x", "y", "z"]],
  signatureNotYetCurrent: [["x", "y", "z"]],
  credentialScopeInvalid: [
    [{ invalidRegion: "x", wrongService: true, invalidTerminator: "x", mismatchedDate: { scopeDate: "x", timestampDate: "y", timestamp: "z" } }],
    [{ invalidRegion: undefined, wrongService: true, invalidTerminator: undefined, mismatchedDate: undefined }],
  ],
  accessDenied: [["x", "y", "z"]],
  consoleAccessDenied: [["x", "y"]],
  poolNotFound: [["x"]],
  featureNotInTier: [["LITE", "Threat Protection"]],
  mfaFactorWithoutDeliveryConfig: [["SMS_MFA"]],
  webAuthnCredentialMalformed: [["Credential"], ["CREDENTIAL"]],
  invalidResourceArn: [["x"]],
  tooManyTags: [[50]],
  customAttributeNameTaken: [["x", "y"]],
  tooManyCustomAttributes: [[7]],
  standardAttributeTypeFixed: [["x"]],
  invalidStringConstraints: [["x"]],
  stringLengthOverLimit: [["x", 7]],
  maxLengthBelowMinLength: [["x"]],
  invalidNumberConstraints: [["x"]],
  maxValueBelowMinValue: [["x"]],
  clientNotFound: [["x"]],
  assignedClientIdTaken: [["x"]],
  termsNotFound: [["x"]],
  logEventSourceRepeated: [["x"]],
  threatProtectionNotEnabled: [["x"]],
  invalidIpRange: [["x"]],
  authEventNotFound: [["x"]],
  replicaInPrimaryRegion: [["x"]],
  replicaExists: [["x"]],
  notARegion: [["x"]],
  replicaNotFound: [["x"]],
  replicaStillActive: [["x"]],
  logLevelOrDestinationWrong: [["x", "y", "z"]],
  limitCategoryUnknown: [["x"], [undefined]],
  limitBelowFree: [[7]],
  termsExist: [["x", "y"]],
  clientHasNoSecret: [["x"]],
  clientSecretLimitReached: [[2]],
  tooManyPasskeys: [[20]],
  clientSecretNotFound: [["x"]],
  identityProviderNotFound: [["x", "y"]],
  invalidReadAttributes: [["creating"], ["updating"]],
  invalidWriteAttributes: [["creating"], ["updating"]],
  userScopeWithClientCredentials: [["x"]],
  clientSecretUnexpected: [["x"]],
  clientSecretMissing: [
    ["x", "NotAuthorizedException"],
    ["x", "UnauthorizedException"],
  ],
  clientSecretMismatch: [
    ["x", "NotAuthorizedException"],
    ["x", "UnauthorizedException"],
  ],
  secretHashUnexpected: [["x"]],
  secretHashMissing: [["x"]],
  secretHashMismatch: [["x"]],
  aliasExists: [["x"]],
  signInAttributeExists: [["x"]],
  usernameNotSignInAttribute: [[["email"]], [["phone_number"]], [["email", "phone_number"]]],
  invitationResendNotPossible: [["x"]],
  userCannotBeConfirmed: [["x"]],
  unsearchableAttribute: [["x"]],
  requiredAttributesMissing: [[["x"]], [["x", "y"]]],
  requiredAttributeNotGiven: [["x"]],
  attributeNotInSchema: [
    ["x", "create"],
    ["x", "update"],
  ],
  immutableAttribute: [["x"]],
  requiredAttributeNotDeletable: [["x"]],
  attributeNotBoolean: [
    ["x", "create"],
    ["x", "update"],
  ],
  attributeTooShort: [
    ["x", 7, "create"],
    ["x", 7, "update"],
  ],
  attributeTooLong: [
    ["x", 7, "create"],
    ["x", 7, "update"],
  ],
  attributeNotInteger: [
    ["x", "create"],
    ["x", "update"],
  ],
  attributeBelowMinimum: [
    ["x", 7, "create"],
    ["x", 7, "update"],
  ],
  attributeAboveMaximum: [
    ["x", 7, "create"],
    ["x", 7, "update"],
  ],
  attributeAlreadyProvided: [["x"]],
  attributeNotVerifiable: [["x"]],
  noValueToVerify: [["x"]],
  importRowFieldCount: [[7, 8]],
  importUsernameInvalid: [[7]],
  importUsernameDiffers: [["x"]],
  importUserUnverified: [[["x"], ["y"]]],
  importHashUnreadable: [["x"]],
  userImportJobNotFound: [["x"]],
  userImportJobNotStartable: [["x", "y"]],
  userImportJobNotUploaded: [["x"]],
  userImportJobNotStoppable: [["x", "y"]],
  passwordTooShort: [[catalogue.ADMIN_POLICY_PREFIX], [catalogue.USER_POLICY_PREFIX]],
  passwordWithoutUppercase: [[catalogue.ADMIN_POLICY_PREFIX], [catalogue.USER_POLICY_PREFIX]],
  passwordWithoutLowercase: [[catalogue.ADMIN_POLICY_PREFIX], [catalogue.USER_POLICY_PREFIX]],
  passwordWithoutNumber: [[catalogue.ADMIN_POLICY_PREFIX], [catalogue.USER_POLICY_PREFIX]],
  passwordWithoutSymbol: [[catalogue.ADMIN_POLICY_PREFIX], [catalogue.USER_POLICY_PREFIX]],
  missingRequiredParameter: [["x"]],
  challengeNotSupported: [["x"]],
  pageChallengeNotServed: [["x"]],
  challengeNotAvailable: [[["x", "y"]]],
  tokenRevocationDisabled: [["x"]],
  tokenOfAnotherClient: [["x"]],
  asNotAuthorized: [[new CognitoError("UserNotFoundException", "x")]],
  asResourceNotFound: [[new CognitoError("UserNotFoundException", "y")]],
  asUnauthorized: [[new CognitoError("ResourceNotFoundException", "x")]],
  domainReservedWord: [["aws"]],
  customDomainNotSubdomain: [["x"]],
  managedLoginVersionInvalid: [[3]],
  resourceServerExists: [["x", "y"]],
  resourceServerNotFound: [["x"]],
  duplicateScopeName: [["x"]],
  scopeDoesNotExist: [["x"]],
  redirectUrlInvalid: [["CallbackURLs", "x"], ["LogoutURLs", "x"], ["DefaultRedirectURI", "x"]],
  oauthInvalidRequest: [["x"]],
  invalidPageToken: [["NextToken"], ["PaginationToken"]],
  uiCustomizationCssInvalid: [["x"]],
  managedLoginBrandingAssetRepeated: [["x", "y"]],
  userLambdaValidation: [["PreSignUp", "x"]],
  unexpectedLambda: [["PreSignUp", "x"]],
  identityProviderExists: [["x", "y"]],
  idpIdentifierTaken: [["x", "y"]],
  identityProviderMissing: [["x"]],
  idpIdentifierMissing: [["x"]],
  providerNameNotType: [["x", "Google"]],
  providerNameReserved: [["x"]],
  providerDetailMissing: [["x", "OIDC"]],
  providerDetailInvalid: [["x", "y"]],
  samlMetadataUnreadable: [["x"]],
  oidcDiscoveryFailed: [["x"]],
  mappedAttributeUnknown: [["x"]],
  federationFailed: [["a federated sign-in failed"]],
  linkProviderInvalid: [["DestinationUser", "x"], ["SourceUser", "x"], ["User", "x"]],
};

/** Every error the catalogue can build from the samples (constructors without parameters once), by constructor. */
function builtErrors(): { name: string; error: unknown }[] {
  const built: { name: string; error: unknown }[] = [];
  for (const [name, value] of Object.entries(catalogue)) {
    if (typeof value !== "function") continue;
    const argumentLists: readonly unknown[][] = (samples as Record<string, unknown[][]>)[name] ?? [[]];
    assert.ok(value.length === 0 || name in samples, `${name} takes arguments: give it samples`);
    for (const args of argumentLists) built.push({ name, error: (value as (...args: unknown[]) => unknown)(...args) });
  }
  return built;
}

/** Every ModelledErrorName, read from the generated model. */
function modelledErrorNames(): Set<string> {
  const source = readFileSync(join(SRC, "model/errors.gen.ts"), "utf8");
  return new Set([...source.matchAll(/\| "(\w+)"/g)].map((match) => match[1]!));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

test("no source outside src/errors/ builds a CognitoError, FrameworkError or OAuthError itself", () => {
  const offences: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const path = relative(SRC, file);
    if (path.startsWith(`errors/`)) continue;
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, index) => {
        if (/new (CognitoError|FrameworkError|OAuthError)\(/.test(line)) offences.push(`src/${path}:${index + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(offences, [], "construct these errors with the constructors of src/errors/catalogue.ts");
});

test("every constructor builds a CognitoError of a modelled type, a FrameworkError or an OAuthError", () => {
  const modelled = modelledErrorNames();
  assert.ok(modelled.has("UserNotFoundException"), "the model's error names were read");
  for (const { name, error } of builtErrors()) {
    if (error instanceof FrameworkError || error instanceof OAuthError) continue;
    assert.ok(error instanceof CognitoError, `${name} builds a CognitoError, a FrameworkError or an OAuthError`);
    assert.ok(modelled.has(error.type), `${name}: ${error.type} is not an exception of the model`);
  }
});

test("no two constructors build the same error", () => {
  const builtBy = new Map<string, string>();
  for (const { name, error } of builtErrors()) {
    const { type, message } = error as CognitoError | FrameworkError | OAuthError;
    const key = `${type}: ${message}`;
    const earlier = builtBy.get(key);
    assert.ok(earlier === undefined || earlier === name, `${earlier} and ${name} both build ${key}`);
    builtBy.set(key, name);
  }
});
