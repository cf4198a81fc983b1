import { CognitoError } from "./cognitoError.js";
import { FrameworkError } from "./frameworkError.js";
import { OAuthError } from "./oauthError.js";

/*
 * Every error Cognate answers, with the words Cognito (or AWS's front door) uses for it. Code that fails
 * throws one of these constructors; nothing outside src/errors/ builds a CognitoError or FrameworkError
 * itself (catalogue.test.ts checks).
 */

// ——— Protocol: framing and routing ———

export function unsupportedMediaType(contentType: string | undefined): FrameworkError {
  return new FrameworkError(
    "UnsupportedMediaTypeException",
    `Unsupported Media Type: ${contentType ?? "(none)"}; send application/x-amz-json-1.1`,
    415,
  );
}

export function missingTarget(): FrameworkError {
  return new FrameworkError("UnknownOperationException", "Missing X-Amz-Target header.");
}

export function unknownOperation(target: string): FrameworkError {
  return new FrameworkError("UnknownOperationException", `Unknown operation ${target}.`);
}

/** Any path but the API's, the JWKS and discovery documents and the control API. */
export function noRoute(method: string, path: string): FrameworkError {
  return new FrameworkError("UnknownOperationException", `No route for ${method} ${path}.`, 404);
}

export function bodyTooLarge(): FrameworkError {
  return new FrameworkError("RequestEntityTooLargeException", "Request entity too large: the body exceeds 1 MiB.", 413);
}

/** A body the HTTP server itself could not take in. */
export function unreadableRequest(): FrameworkError {
  return new FrameworkError("SerializationException", "The request could not be read.");
}

export function bodyNotJson(): FrameworkError {
  return new FrameworkError("SerializationException", "The request body is not valid JSON.");
}

export function bodyNotObject(): FrameworkError {
  return new FrameworkError("SerializationException", "The request body must be a JSON object.");
}

// ——— Protocol: unimplemented operations, quotas, internal failures ———

/** The pipeline's answer for a model operation without a handler. */
export function operationNotSupported(operation: string): CognitoError {
  return new CognitoError("UnsupportedOperationException", `${operation} is not supported by Cognate yet.`);
}

/** Anything unexpected; its details go to the log, never to the caller. */
export function internalError(): CognitoError {
  return new CognitoError("InternalErrorException", "An internal error occurred.");
}

export function rateExceeded(): CognitoError {
  return new CognitoError("TooManyRequestsException", "Rate exceeded");
}

// ——— Protocol: deserialising a member of the wrong JSON type (AWS's Java reader's words) ———

export function unexpectedList(): FrameworkError {
  return new FrameworkError("SerializationException", "Start of list found where not expected");
}

export function unexpectedStructure(): FrameworkError {
  return new FrameworkError("SerializationException", "Start of structure or map found where not expected.");
}

/** A scalar where a structure belongs: AWS's reader words it this way. */
export function expectedStructure(): FrameworkError {
  return new FrameworkError("SerializationException", "Expected null");
}

export function expectedList(): FrameworkError {
  return new FrameworkError("SerializationException", "Expected list or null");
}

export function expectedMap(): FrameworkError {
  return new FrameworkError("SerializationException", "Expected map or null");
}

export function invalidBase64Blob(): FrameworkError {
  return new FrameworkError("SerializationException", "STRING_VALUE can not be converted to a Blob: it is not valid Base64");
}

export type ScalarTypeName = "string" | "integer" | "long" | "boolean" | "timestamp" | "blob";

const JAVA_TYPE_NAMES: Record<ScalarTypeName, string> = {
  string: "a String",
  integer: "an Integer",
  long: "a Long",
  boolean: "a Boolean",
  timestamp: "a Timestamp",
  blob: "a Blob",
};

/** A JSON scalar of the wrong type, named as AWS's JSON reader names the token. */
export function notConvertible(value: string | number | boolean, expected: ScalarTypeName): FrameworkError {
  const token =
    typeof value === "string" ? "STRING_VALUE" : typeof value === "boolean" ? (value ? "TRUE_VALUE" : "FALSE_VALUE") : "NUMBER_VALUE";
  return new FrameworkError("SerializationException", `${token} can not be converted to ${JAVA_TYPE_NAMES[expected]}`);
}

// ——— Protocol: validation against the model ———

/** Every constraint failure of a request, counted, in one message: `2 validation errors detected: …; …`. */
export function validationFailed(failures: readonly string[]): CognitoError {
  const counted = failures.length === 1 ? "1 validation error" : `${failures.length} validation errors`;
  return new CognitoError("InvalidParameterException", `${counted} detected: ${failures.join("; ")}`);
}

/** The phrases validationFailed's failures are made of. */
export const validationPhrases = {
  /** `printed`: the value as AWS's Java service prints it. */
  valueFailure: (printed: string, path: string, constraint: string) =>
    `Value '${printed}' at '${path}' failed to satisfy constraint: ${constraint}`,
  /** A missing member (or a null element). */
  nullFailure: (path: string, constraint: string) => `Value null at '${path}' failed to satisfy constraint: ${constraint}`,
  /** A value of a sensitive shape, which is never echoed. */
  hiddenValueFailure: (path: string, constraint: string) => `Value at '${path}' failed to satisfy constraint: ${constraint}`,
  notNull: () => "Member must not be null",
  noNullCharacter: () => "Member must not contain the null character",
  pattern: (pattern: string) => `Member must satisfy regular expression pattern: ${pattern}`,
  enumValue: (allowed: readonly string[]) => `Member must satisfy enum value set: [${allowed.join(", ")}]`,
  atMost: (measure: "length" | "value", max: number) => `Member must have ${measure} less than or equal to ${max}`,
  atLeast: (measure: "length" | "value", min: number) => `Member must have ${measure} greater than or equal to ${min}`,
  /** Scalar elements of a list or map, reported once for the whole collection with every constraint of the element shape. */
  elements: (label: "Member" | "Map keys" | "Map value", constraints: readonly string[]) =>
    `${label} must satisfy constraint: [${constraints.join(", ")}]`,
};

// ——— Protocol: signatures and authorisation (AWS's front door) ———

export function missingAuthenticationToken(): FrameworkError {
  return new FrameworkError("MissingAuthenticationTokenException", "Missing Authentication Token");
}

/** The Authorization header lacks parts; every missing one is named, in AWS's order. */
export function authorizationIncomplete(missing: {
  credential: boolean;
  signature: boolean;
  signedHeaders: boolean;
  date: boolean;
}): FrameworkError {
  const faults = [
    missing.credential ? "Authorization header requires 'Credential' parameter." : "",
    missing.signature ? "Authorization header requires 'Signature' parameter." : "",
    missing.signedHeaders ? "Authorization header requires 'SignedHeaders' parameter." : "",
    missing.date ? "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." : "",
  ];
  return new FrameworkError("IncompleteSignatureException", faults.filter((fault) => fault !== "").join(" "));
}

export function authorizationParameterWithoutValue(): FrameworkError {
  return new FrameworkError(
    "IncompleteSignatureException",
    "Authorization header contains a parameter that is not a valid key=value pair (missing equal-sign).",
  );
}

export function malformedSigningDate(timestamp: string): FrameworkError {
  return new FrameworkError(
    "IncompleteSignatureException",
    `Date must be in ISO-8601 'basic format'. Got '${timestamp}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );
}

export function unsupportedSigningAlgorithm(algorithm: string): FrameworkError {
  return new FrameworkError("IncompleteSignatureException", `Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
}

export function malformedCredential(credential: string): FrameworkError {
  return new FrameworkError(
    "IncompleteSignatureException",
    `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
  );
}

export function malformedSignature(): FrameworkError {
  return new FrameworkError("IncompleteSignatureException", "Signature must be 64 lower-case hexadecimal characters.");
}

export function hostNotSigned(): FrameworkError {
  return new FrameworkError("InvalidSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
}

/** `earliest`, `now`: the window's start and the server's time, in the request's timestamp format. */
export function signatureExpired(timestamp: string, earliest: string, now: string): FrameworkError {
  return new FrameworkError("InvalidSignatureException", `Signature expired: ${timestamp} is now earlier than ${earliest} (${now} - 15 min.)`);
}

/** `latest`, `now`: the window's end and the server's time, in the request's timestamp format. */
export function signatureNotYetCurrent(timestamp: string, latest: string, now: string): FrameworkError {
  return new FrameworkError(
    "InvalidSignatureException",
    `Signature not yet current: ${timestamp} is still later than ${latest} (${now} + 15 min.)`,
  );
}

/** Every fault of the credential scope at once, in AWS's order. */
export function credentialScopeInvalid(faults: {
  invalidRegion: string | undefined;
  wrongService: boolean;
  invalidTerminator: string | undefined;
  mismatchedDate: { scopeDate: string; timestampDate: string; timestamp: string } | undefined;
}): FrameworkError {
  const { invalidRegion, wrongService, invalidTerminator, mismatchedDate } = faults;
  const phrases = [
    invalidRegion === undefined ? "" : `Credential should be scoped to a valid region, not '${invalidRegion}'. `,
    wrongService ? "Credential should be scoped to correct service: 'cognito-idp'. " : "",
    invalidTerminator === undefined ? "" : `Credential should be scoped with a valid terminator: 'aws4_request', not '${invalidTerminator}'. `,
    mismatchedDate === undefined
      ? ""
      : `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
        `'${mismatchedDate.scopeDate}' != '${mismatchedDate.timestampDate}', from '${mismatchedDate.timestamp}'.`,
  ];
  return new FrameworkError("InvalidSignatureException", phrases.join(""));
}

export function signatureMismatch(): FrameworkError {
  return new FrameworkError(
    "InvalidSignatureException",
    "The request signature we calculated does not match the signature you provided. " +
      "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  );
}

/** An access key the server does not know (or, in dev mode, an empty one). */
export function unrecognizedAccessKey(): FrameworkError {
  return new FrameworkError("UnrecognizedClientException", "The security token included in the request is invalid.");
}

/**
 * A console view that is not a Cognito operation (the audit trail), refused by the caller's policy: IAM's words
 * for an action of Cognate's own (docs/behaviour.md, "The admin console").
 */
export function consoleAccessDenied(callerArn: string, action: string): FrameworkError {
  return new FrameworkError("AccessDeniedException", `User: ${callerArn} is not authorized to perform: ${action} on resource: *`);
}

export function accessDenied(callerArn: string, operation: string, resource: string): FrameworkError {
  return new FrameworkError(
    "AccessDeniedException",
    `User: ${callerArn} is not authorized to perform: cognito-idp:${operation} on resource: ${resource}`,
  );
}

// ——— User pools ———

export function poolNotFound(poolId: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
}

/** A tagging request's ARN that names no user pool (docs/behaviour.md#tags). */
export function invalidResourceArn(arn: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid ARN: ${arn} is not the ARN of a user pool.`);
}

export function tooManyTags(max: number): CognitoError {
  return new CognitoError("InvalidParameterException", `A user pool can have as many as ${max} tags.`);
}

export function deletionProtectionActive(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.",
  );
}

export function usernameAndAliasAttributesTogether(): CognitoError {
  return new CognitoError("InvalidParameterException", "Only one of aliasAttributes or usernameAttributes can be set in a user pool.");
}

export function smsMfaWithoutSmsVerification(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "SMS configuration and Auto verification for phone_number are required when MFA is required/optional",
  );
}

export function passwordHistoryNotInLite(): CognitoError {
  return new CognitoError("InvalidParameterException", "Password history is not available in the LITE tier: use the ESSENTIALS or PLUS tier.");
}

/** Both names of the pre token generation function given, naming different functions (docs/behaviour.md#lambda-triggers). */
export function preTokenGenerationArnsDiffer(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "PreTokenGeneration and PreTokenGenerationConfig.LambdaArn must be the same function when both are set.",
  );
}

/** A custom email or SMS sender without the KMS key its codes are encrypted with. */
export function senderWithoutKmsKey(): CognitoError {
  return new CognitoError("InvalidParameterException", "KMSKeyID is required when CustomEmailSender or CustomSMSSender is set.");
}

/** A feature of a higher tier than the pool's, named as Cognito names it in this message. */
export function featureNotInTier(tier: string, feature: string): CognitoError {
  return new CognitoError(
    "FeatureUnavailableInTierException",
    `The following features need to be disabled for the ${tier} pricing tier configured: ${feature}`,
  );
}

// ——— User pools: MFA configuration ———

export function mfaOffWithFactors(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
  );
}

export function mfaWithoutFactor(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled.",
  );
}

// ——— Users: MFA settings ———

/** AWS's words for a factor the user cannot receive (seen for SOFTWARE_TOKEN_MFA; the same form for the others). */
export function mfaFactorWithoutDeliveryConfig(factor: string): CognitoError {
  return new CognitoError("InvalidParameterException", `User does not have delivery config set to turn on ${factor}`);
}

export function emailMfaNotEnabledInPool(): CognitoError {
  return new CognitoError("InvalidParameterException", "Email MFA is not enabled for this user pool.");
}

export function preferredMfaNotEnabled(): CognitoError {
  return new CognitoError("InvalidParameterException", "A preferred MFA method must be enabled.");
}

export function severalPreferredMfa(): CognitoError {
  return new CognitoError("InvalidParameterException", "Only one MFA method can be preferred.");
}

export function mfaOptionNotSms(): CognitoError {
  return new CognitoError("InvalidParameterException", "Only SMS to phone_number is supported as an MFA option.");
}

// ——— Users: authenticator apps (TOTP) ———

export function softwareTokenMfaNotEnabled(): CognitoError {
  return new CognitoError("SoftwareTokenMFANotFoundException", "Software Token MFA has not been enabled by the userPool.");
}

export function softwareTokenNotAssociated(): CognitoError {
  return new CognitoError("SoftwareTokenMFANotFoundException", "No software token has been associated with the user: call AssociateSoftwareToken first.");
}

export function softwareTokenCodeMismatch(): CognitoError {
  return new CognitoError("EnableSoftwareTokenMFAException", "Code mismatch");
}

export function softwareTokenWithoutCredential(): CognitoError {
  return new CognitoError("InvalidParameterException", "Either AccessToken or Session must be provided.");
}

// ——— Users: passkeys (WebAuthn; docs/behaviour.md#passkeys) ———

/** The pool's sign-in policy does not allow passkeys as a first factor, or its tier has no passwordless sign-in. */
export function webAuthnNotEnabled(): CognitoError {
  return new CognitoError("WebAuthnNotEnabledException", "Passkey sign-in is not enabled for this user pool.");
}

/** Neither a relying-party id in the pool's WebAuthnConfiguration nor a domain to default it to. */
export function webAuthnConfigurationMissing(): CognitoError {
  return new CognitoError(
    "WebAuthnConfigurationMissingException",
    "The user pool has no passkey relying party id and no domain to use as one.",
  );
}

/** No registration started for the user, or it has expired (or its challenge is not the one signed). */
export function webAuthnChallengeNotFound(): CognitoError {
  return new CognitoError("WebAuthnChallengeNotFoundException", "The passkey registration challenge was not found or has expired.");
}

/** CompleteWebAuthnRegistration with an access token of another app client than StartWebAuthnRegistration's. */
export function webAuthnClientMismatch(): CognitoError {
  return new CognitoError(
    "WebAuthnClientMismatchException",
    "The access token is for a different app client than the one that started the passkey registration.",
  );
}

/** The authenticator data names another relying party than the pool's. */
export function webAuthnRelyingPartyMismatch(): CognitoError {
  return new CognitoError("WebAuthnRelyingPartyMismatchException", "The passkey credential is for a different relying party.");
}

/** The browser's origin is not the relying party's host or one of its subdomains. */
export function webAuthnOriginNotAllowed(): CognitoError {
  return new CognitoError("WebAuthnOriginNotAllowedException", "The passkey credential's origin is not allowed for this relying party.");
}

/** An attestation or key Cognate cannot verify, or no user verification where the pool requires it. */
export function webAuthnCredentialNotSupported(): CognitoError {
  return new CognitoError("WebAuthnCredentialNotSupportedException", "The passkey credential is not supported.");
}

/** A Credential that is not a RegistrationResponseJSON (or a CREDENTIAL that is not an AuthenticationResponseJSON). */
export function webAuthnCredentialMalformed(member: "Credential" | "CREDENTIAL"): CognitoError {
  return new CognitoError("InvalidParameterException", `${member} is not a valid WebAuthn public-key credential.`);
}

/** StartWebAuthnRegistration / CompleteWebAuthnRegistration for a user who has as many passkeys as Cognate keeps. */
export function tooManyPasskeys(max: number): CognitoError {
  return new CognitoError("LimitExceededException", `A user can have at most ${max} passkeys. Delete one before registering another.`);
}

/** DeleteWebAuthnCredential of an id the user has no passkey under. */
export function webAuthnCredentialNotFound(): CognitoError {
  return new CognitoError("ResourceNotFoundException", "Credential not found.");
}

/** A passkey assertion that does not verify: no sign-in, and nothing said about why. */
export function webAuthnAssertionRejected(): CognitoError {
  return new CognitoError("NotAuthorizedException", "The passkey credential could not be verified.");
}

// ——— Users: tracked devices (docs/behaviour.md#devices) ———

/** A device key the user (or the pool) has no device under. */
export function deviceNotFound(): CognitoError {
  return new CognitoError("ResourceNotFoundException", "Device does not exist.");
}

/** ConfirmDevice of a device confirmed already. */
export function deviceAlreadyConfirmed(): CognitoError {
  return new CognitoError("DeviceKeyExistsException", "Device key already exists.");
}

/** AdminGetDevice and AdminListDevices model no UserNotFoundException: an unknown user is a missing resource, in the same words. */
export function asResourceNotFound(error: CognitoError): CognitoError {
  return new CognitoError("ResourceNotFoundException", error.message);
}

// ——— User pools: the schema ———

export function customAttributeNameTaken(customName: string, existingName: string): CognitoError {
  return new CognitoError("InvalidParameterException", `${customName}: Existing attribute already has name ${existingName}.`);
}

export function tooManyCustomAttributes(max: number): CognitoError {
  return new CognitoError("InvalidParameterException", `A user pool can have at most ${max} custom attributes.`);
}

export function standardAttributeTypeFixed(name: string): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute ${name}`,
  );
}

export function attributeDataTypeMissing(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
  );
}

export function requiredCustomAttribute(): CognitoError {
  return new CognitoError("InvalidParameterException", "Required custom attributes are not supported currently.");
}

export function invalidStringConstraints(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid StringAttributeConstraints for schema attribute ${name}`);
}

export function stringLengthOverLimit(name: string, limit: number): CognitoError {
  return new CognitoError("InvalidParameterException", `user.${name}: String attributes cannot have a length of more than ${limit}`);
}

export function maxLengthBelowMinLength(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `user.${name}: Max length cannot be less than min length.`);
}

export function invalidNumberConstraints(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid NumberAttributeConstraints for schema attribute ${name}`);
}

export function maxValueBelowMinValue(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `user.${name}: Max value cannot be less than min value.`);
}

// ——— App clients ———

export function clientNotFound(clientId: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
}

export function secretGeneratedAndGiven(): CognitoError {
  return new CognitoError("InvalidParameterException", "You cannot specify both GenerateSecret as true and provide a ClientSecret value.");
}

export function identityProviderNotFound(provider: string, poolId: string): CognitoError {
  return new CognitoError("InvalidParameterException", `The provider ${provider} does not exist for User Pool ${poolId}`);
}

/** Names neither the attribute nor the rule, as Cognito's message does not. */
export function invalidReadAttributes(operation: "creating" | "updating"): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid read attributes specified while ${operation} a client`);
}

/** Names neither the attribute nor the rule, as Cognito's message does not. */
export function invalidWriteAttributes(operation: "creating" | "updating"): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid write attributes specified while ${operation} a client`);
}

export function mixedAuthFlowStyles(): CognitoError {
  return new CognitoError("InvalidParameterException", "Values with ALLOW_ prefix cannot be used along with values without ALLOW_ prefix.");
}

export function refreshTokenAuthRequired(): CognitoError {
  return new CognitoError("InvalidParameterException", "REFRESH_TOKEN_AUTH should always be allowed.");
}

export function tokenValidityOutOfRange(): CognitoError {
  return new CognitoError("InvalidParameterException", "Invalid range for token validity.");
}

export function oauthFlowsAndScopesRequired(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.",
  );
}

export function defaultRedirectNotInCallbacks(): CognitoError {
  return new CognitoError("InvalidParameterException", "DefaultRedirectURI must be in the CallbackURLs list.");
}

/** Only a seed assigns client ids (docs/behaviour.md#seed-files); ids are unique across pools. */
export function assignedClientIdTaken(clientId: string): CognitoError {
  return new CognitoError("InvalidParameterException", `A client with the id ${clientId} already exists.`);
}

export function clientCredentialsWithBrowserFlows(): CognitoError {
  return new CognitoError("InvalidOAuthFlowException", "client_credentials flow can not be selected along with code flow or implicit flow.");
}

export function clientCredentialsWithoutSecret(): CognitoError {
  return new CognitoError("InvalidOAuthFlowException", "client_credentials flow can not be selected if client does not have a client secret.");
}

export function userScopeWithClientCredentials(scope: string): CognitoError {
  return new CognitoError("InvalidOAuthFlowException", `${scope} is not supported with client_credentials flow`);
}

export function callbackUrlsRequired(): CognitoError {
  return new CognitoError("InvalidOAuthFlowException", "CallbackUrls can not be empty when code flow or implicit flow is selected");
}

/** A callback or sign-out URL Cognito would not redirect to: not absolute, with a fragment, or plain http off the loopback. */
export function redirectUrlInvalid(member: "CallbackURLs" | "LogoutURLs" | "DefaultRedirectURI", url: string): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `Invalid ${member} value ${url}: a redirect URL must be absolute, have no fragment, and use https unless its host is localhost or a loopback address.`,
  );
}

// ——— Provisioned limits (docs/behaviour.md#provisioned-limits) ———

export function limitCategoryUnknown(category: string | undefined): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    category === undefined ? "LimitDefinition.Attributes must name a Category." : `${category} is not an API category.`,
  );
}

export function limitBelowFree(free: number): CognitoError {
  return new CognitoError("InvalidParameterException", `The requested limit value must be at least the default limit of ${free}.`);
}

// ——— Log delivery (docs/behaviour.md#log-delivery) ———

export function logEventSourceRepeated(source: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Only one log configuration per EventSource is allowed: ${source} is given twice.`);
}

export function logDestinationCount(): CognitoError {
  return new CognitoError("InvalidParameterException", "Each log configuration needs exactly one destination.");
}

export function logLevelOrDestinationWrong(source: string, level: string, destinations: string): CognitoError {
  return new CognitoError("InvalidParameterException", `${source} logs are delivered at ${level} level to ${destinations} only.`);
}

export function userAuthEventLogsNotInTier(): CognitoError {
  return new CognitoError("FeatureUnavailableInTierException", "Exporting userAuthEvents logs requires the PLUS feature plan.");
}

// ——— Threat protection (docs/behaviour.md#threat-protection) ———

export function threatProtectionNotEnabled(poolId: string): CognitoError {
  return new CognitoError("UserPoolAddOnNotEnabledException", `Threat protection is not enabled for user pool ${poolId}.`);
}

export function invalidIpRange(range: string): CognitoError {
  return new CognitoError("InvalidParameterException", `${range} is not an IP address range in CIDR notation.`);
}

export function authEventNotFound(eventId: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `Auth event ${eventId} does not exist.`);
}

export function invalidFeedbackToken(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Invalid feedback token.");
}

// ——— Replicas (docs/behaviour.md#replicas) ———

export function notARegion(region: string): CognitoError {
  return new CognitoError("InvalidParameterException", `${region} is not a valid region name.`);
}

export function replicaInPrimaryRegion(region: string): CognitoError {
  return new CognitoError("InvalidParameterException", `The user pool's primary region ${region} cannot hold a replica.`);
}

export function replicaExists(region: string): CognitoError {
  return new CognitoError("InvalidParameterException", `A replica already exists in region ${region}.`);
}

export function replicaNotFound(region: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `No replica exists in region ${region}.`);
}

export function replicaStillActive(region: string): CognitoError {
  return new CognitoError("InvalidParameterException", `The replica in region ${region} must be INACTIVE to be deleted.`);
}

// ——— Terms documents (docs/behaviour.md#terms-documents) ———

export function termsNotFound(termsId: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `Terms ${termsId} does not exist.`);
}

export function termsExist(name: string, clientId: string): CognitoError {
  return new CognitoError("TermsExistsException", `Terms named ${name} already exist for client ${clientId}.`);
}

export function termsLinksRequired(): CognitoError {
  return new CognitoError("InvalidParameterException", "Links are required when TermsSource is LINK.");
}

// ——— App clients: secrets and secret hashes ———

/** What an operation answers for a client that could not be authenticated: RevokeToken models only UnauthorizedException. */
export type ClientAuthenticationFailure = "NotAuthorizedException" | "UnauthorizedException";

/** A ClientSecret sent for a client without a secret. */
export function clientSecretUnexpected(clientId: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Client ${clientId} is not configured for secret but secret was received`);
}

/** Also the self-service operations' missing SecretHash member, which Cognito words as a missing secret. */
export function clientSecretMissing(clientId: string, type: ClientAuthenticationFailure): CognitoError {
  return new CognitoError(type, `Client ${clientId} is configured for secret but secret was not received`);
}

export function clientSecretMismatch(clientId: string, type: ClientAuthenticationFailure): CognitoError {
  return new CognitoError(type, `Unable to verify secret for client ${clientId}`);
}

/** AddUserPoolClientSecret on a public client (docs/behaviour.md#client-secrets). */
export function clientHasNoSecret(clientId: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Client ${clientId} is not configured for secret: only a confidential client can have secrets added.`);
}

export function clientSecretLimitReached(max: number): CognitoError {
  return new CognitoError("LimitExceededException", `An app client can have at most ${max} client secrets. Delete one before adding another.`);
}

export function clientSecretNotFound(secretId: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `Client secret ${secretId} does not exist.`);
}

export function lastClientSecret(): CognitoError {
  return new CognitoError("InvalidParameterException", "The last client secret of an app client cannot be deleted.");
}

/** A SECRET_HASH (or SecretHash) sent for a client without a secret. */
export function secretHashUnexpected(clientId: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Client ${clientId} is not configured for secret but secret hash was received`);
}

export function secretHashMissing(clientId: string): CognitoError {
  return new CognitoError("NotAuthorizedException", `Client ${clientId} is configured with secret but SECRET_HASH was not received`);
}

export function secretHashMismatch(clientId: string): CognitoError {
  return new CognitoError("NotAuthorizedException", `Unable to verify secret hash for client ${clientId}`);
}

// ——— Users ———

export function userNotFound(): CognitoError {
  return new CognitoError("UserNotFoundException", "User does not exist.");
}

/** What the self-service operations answer for an unknown user when the client does not hide it. */
export function userNotFoundForClient(): CognitoError {
  return new CognitoError("UserNotFoundException", "Username/client id combination not found.");
}

/** Cognito has no exception of its own for it: a NotAuthorizedException. */
export function userDisabled(): CognitoError {
  return new CognitoError("NotAuthorizedException", "User is disabled.");
}

export function userNotConfirmed(): CognitoError {
  return new CognitoError("UserNotConfirmedException", "User is not confirmed.");
}

export function passwordResetRequired(): CognitoError {
  return new CognitoError("PasswordResetRequiredException", "Password reset required for the user");
}

/** AdminCreateUser's wording for a taken username. */
export function userAccountExists(): CognitoError {
  return new CognitoError("UsernameExistsException", "User account already exists");
}

/** SignUp's wording for a taken username. */
export function userExists(): CognitoError {
  return new CognitoError("UsernameExistsException", "User already exists");
}

/** An email, phone number or preferred username another user holds as an alias. */
export function aliasExists(kind: string): CognitoError {
  return new CognitoError("AliasExistsException", `An account with the given ${kind} already exists.`);
}

/** A new user's email or phone number that another user signs in with, in a pool whose users sign in with it. */
export function signInAttributeExists(kind: string): CognitoError {
  return new CognitoError("UsernameExistsException", `An account with the given ${kind} already exists.`);
}

/** A name that is not one of the attributes the pool's users sign in with (`signInAttributes`, never empty). */
export function usernameNotSignInAttribute(signInAttributes: readonly ("email" | "phone_number")[]): CognitoError {
  const expected =
    signInAttributes.length === 2 ? "either an email or a phone number" : signInAttributes[0] === "email" ? "an email" : "a phone number";
  return new CognitoError("InvalidParameterException", `Username should be ${expected}.`);
}

export function usernameLooksLikeEmail(): CognitoError {
  return new CognitoError("InvalidParameterException", "Username cannot be of email format, since user pool is configured for email alias.");
}

export function usernameLooksLikePhoneNumber(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "Username cannot be of phone number format, since user pool is configured for phone number alias.",
  );
}

export function invitationResendNotPossible(username: string): CognitoError {
  return new CognitoError("UnsupportedUserStateException", `Resend not possible. ${username} status is not FORCE_CHANGE_PASSWORD`);
}

export function invitationEmailMissing(): CognitoError {
  return new CognitoError("InvalidParameterException", "No email provided but desired delivery medium was Email");
}

export function invitationPhoneNumberMissing(): CognitoError {
  return new CognitoError("InvalidParameterException", "No phone_number provided but desired delivery medium was SMS");
}

export function signUpNotPermitted(): CognitoError {
  return new CognitoError("NotAuthorizedException", "SignUp is not permitted for this user pool");
}

export function passwordRequired(): CognitoError {
  return new CognitoError("InvalidParameterException", "Password is required.");
}

/** ResendConfirmationCode for a confirmed user: an InvalidParameterException, unlike ConfirmSignUp's refusal. */
export function userAlreadyConfirmed(): CognitoError {
  return new CognitoError("InvalidParameterException", "User is already confirmed.");
}

/** AdminConfirmSignUp and ConfirmSignUp for a user who is not UNCONFIRMED, naming the status. */
export function userCannotBeConfirmed(status: string): CognitoError {
  return new CognitoError("NotAuthorizedException", `User cannot be confirmed. Current status is ${status}`);
}

export function confirmationCodesOff(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Cannot resend codes. Auto verification not turned on.");
}

/** ForgotPassword in a pool whose account recovery is admin_only. */
export function passwordRecoveryAdminOnly(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Contact administrator to reset password.");
}

export function passwordCannotBeReset(): CognitoError {
  return new CognitoError("NotAuthorizedException", "User password cannot be reset in the current state.");
}

export function noRecoveryChannel(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "Cannot reset password for the user as there is no registered/verified email or phone_number",
  );
}

export function invalidUserFilter(): CognitoError {
  return new CognitoError("InvalidParameterException", "Error while parsing filter");
}

export function unsearchableAttribute(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid search attribute: ${name}`);
}

export function requestedAttributesUnknown(): CognitoError {
  return new CognitoError("InvalidParameterException", "One or more requested attributes do not exist.");
}

// ——— User attributes ———

/** A new user's attributes or an existing user's: Cognito words schema failures differently for each. */
type AttributeWrite = "create" | "update";

/** Every required attribute without a value, a line each. */
export function requiredAttributesMissing(names: readonly string[]): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `Attributes did not conform to the schema: ${names.map((name) => `${name}: The attribute is required`).join("\n")}`,
  );
}

/** The NEW_PASSWORD_REQUIRED answer's wording for the first required attribute it lacks. */
export function requiredAttributeNotGiven(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid attributes given, ${name} is missing`);
}

/** The message ends with a newline, as Cognito's does. */
export function attributeNotInSchema(name: string, write: AttributeWrite): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    write === "create"
      ? `Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.\n`
      : `user.${name}: Attribute does not exist in the schema.\n`,
  );
}

export function immutableAttribute(name: string): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `Invalid user attributes: user.${name}: Attribute cannot be updated. (changing an immutable attribute)`,
  );
}

export function requiredAttributeNotDeletable(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid user attributes: ${name}: Required attribute cannot be deleted.`);
}

export function emailRequiredToVerify(): CognitoError {
  return new CognitoError("InvalidParameterException", "Email is required to verify/un-verify an email");
}

export function phoneNumberRequiredToVerify(): CognitoError {
  return new CognitoError("InvalidParameterException", "Phone Number is required to verify/un-verify a phone number");
}

export function invalidEmailAddress(): CognitoError {
  return new CognitoError("InvalidParameterException", "Invalid email address format.");
}

export function invalidPhoneNumber(): CognitoError {
  return new CognitoError("InvalidParameterException", "Invalid phone number format.");
}

function attributeValueRefused(name: string, problem: string, write: AttributeWrite): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    write === "create" ? `Attributes did not conform to the schema: ${name}: ${problem}` : `Invalid user attributes: user.${name}: ${problem}`,
  );
}

export function attributeNotBoolean(name: string, write: AttributeWrite): CognitoError {
  return attributeValueRefused(name, "Boolean value must be true or false", write);
}

export function attributeTooShort(name: string, min: number, write: AttributeWrite): CognitoError {
  return attributeValueRefused(name, `String must be no shorter than ${min} characters`, write);
}

export function attributeTooLong(name: string, max: number, write: AttributeWrite): CognitoError {
  return attributeValueRefused(name, `String must be no longer than ${max} characters`, write);
}

export function attributeNotInteger(name: string, write: AttributeWrite): CognitoError {
  return attributeValueRefused(name, "Number must be an integer", write);
}

export function attributeBelowMinimum(name: string, min: number, write: AttributeWrite): CognitoError {
  return attributeValueRefused(name, `Number must be no less than ${min}`, write);
}

export function attributeAboveMaximum(name: string, max: number, write: AttributeWrite): CognitoError {
  return attributeValueRefused(name, `Number must be no greater than ${max}`, write);
}

/** A NotAuthorizedException: the app client may not write the attribute. */
export function unauthorizedAttributeWrite(): CognitoError {
  return new CognitoError("NotAuthorizedException", "A client attempted to write unauthorized attribute");
}

/** A NotAuthorizedException: the NEW_PASSWORD_REQUIRED answer gives a required attribute the user already has. */
export function attributeAlreadyProvided(name: string): CognitoError {
  return new CognitoError("NotAuthorizedException", `Cannot modify an already provided ${name}`);
}

export function attributeNotVerifiable(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Attribute ${name} cannot be verified: only email and phone_number can.`);
}

export function noValueToVerify(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `User has no value for attribute ${name}`);
}

// ——— User import (a row of the CSV file) ———

export function importRowFieldCount(fields: number, columns: number): CognitoError {
  return new CognitoError("InvalidParameterException", `the row has ${fields} fields where the header has ${columns}`);
}

export function importUsernameEmpty(): CognitoError {
  return new CognitoError("InvalidParameterException", "cognito:username is empty");
}

export function importUsernameInvalid(maxLength: number): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `cognito:username must be at most ${maxLength} letters, digits, symbols or punctuation marks`,
  );
}

export function importUsernameDiffers(signInAttribute: string): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `cognito:username and ${signInAttribute} differ: users of this pool sign in with their ${signInAttribute}`,
  );
}

export function importMfaEnabledNotBoolean(): CognitoError {
  return new CognitoError("InvalidParameterException", "cognito:mfa_enabled must be true or false");
}

/** `attributes`: the pool's auto-verified attributes; `flags`: their verification flags. */
export function importUserUnverified(flags: readonly string[], attributes: readonly string[]): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `${flags.join(" or ")} must be true: an imported user needs a verified ${attributes.join(" or ")} to reset their password`,
  );
}

/** A `cognito:password_hash` value the job's PasswordHashingAlgorithm cannot read (docs/behaviour.md, User import jobs). */
export function importHashUnreadable(algorithm: string): CognitoError {
  return new CognitoError("InvalidParameterException", `cognito:password_hash is not a ${algorithm} hash Cognate can check`);
}

export function importHashWithoutAlgorithm(): CognitoError {
  return new CognitoError("InvalidParameterException", "cognito:password_hash is set but the job has no PasswordHashingAlgorithm");
}

// ——— User import jobs (docs/behaviour.md, User import jobs) ———

export function userImportJobNotFound(jobId: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `User import job ${jobId} does not exist.`);
}

/** Start of a job that is not Created (or Created too long ago: Expired). */
export function userImportJobNotStartable(jobId: string, status: string): CognitoError {
  return new CognitoError("PreconditionNotMetException", `User import job ${jobId} cannot be started: its status is ${status}.`);
}

export function userImportJobNotUploaded(jobId: string): CognitoError {
  return new CognitoError(
    "PreconditionNotMetException",
    `User import job ${jobId} cannot be started: no CSV file was uploaded to its PreSignedUrl.`,
  );
}

/** Stop of a job that is not Pending or InProgress. */
export function userImportJobNotStoppable(jobId: string, status: string): CognitoError {
  return new CognitoError("PreconditionNotMetException", `User import job ${jobId} cannot be stopped: its status is ${status}.`);
}

// ——— Passwords ———

/** AdminCreateUser, AdminSetUserPassword and SignUp word their policy failures this way. */
export const ADMIN_POLICY_PREFIX = "Password did not conform with policy: ";
/** ChangePassword, ConfirmForgotPassword and the NEW_PASSWORD_REQUIRED answer word them this way. */
export const USER_POLICY_PREFIX = "Password does not conform to policy: ";
export type PolicyMessagePrefix = typeof ADMIN_POLICY_PREFIX | typeof USER_POLICY_PREFIX;

export function passwordTooShort(prefix: PolicyMessagePrefix): CognitoError {
  return new CognitoError("InvalidPasswordException", `${prefix}Password not long enough`);
}

export function passwordWithoutUppercase(prefix: PolicyMessagePrefix): CognitoError {
  return new CognitoError("InvalidPasswordException", `${prefix}Password must have uppercase characters`);
}

export function passwordWithoutLowercase(prefix: PolicyMessagePrefix): CognitoError {
  return new CognitoError("InvalidPasswordException", `${prefix}Password must have lowercase characters`);
}

export function passwordWithoutNumber(prefix: PolicyMessagePrefix): CognitoError {
  return new CognitoError("InvalidPasswordException", `${prefix}Password must have numeric characters`);
}

export function passwordWithoutSymbol(prefix: PolicyMessagePrefix): CognitoError {
  return new CognitoError("InvalidPasswordException", `${prefix}Password must have symbol characters`);
}

export const PASSWORD_HISTORY_VIOLATION_MESSAGE = "The password has been used too recently.";

export function passwordUsedTooRecently(): CognitoError {
  return new CognitoError("PasswordHistoryPolicyViolationException", PASSWORD_HISTORY_VIOLATION_MESSAGE);
}

/** ChangePassword without PreviousPassword for a user who has one: Cognito's wording from when the model still required the member. */
export function previousPasswordMissing(): CognitoError {
  return validationFailed([validationPhrases.nullFailure("previousPassword", validationPhrases.notNull())]);
}

// ——— Sign-in ———

export function incorrectUsernameOrPassword(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Incorrect username or password.");
}

/** A sign-in while the user is locked out: a NotAuthorizedException, not a LimitExceededException. */
export function passwordAttemptsExceeded(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Password attempts exceeded");
}

export function temporaryPasswordExpired(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Temporary password has expired and must be reset by an administrator.");
}

/** An entry of AuthParameters or ChallengeResponses, or the Session of a challenge answer. */
export function missingRequiredParameter(name: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Missing required parameter ${name}`);
}

/** A flow the operation does not take at all (an admin flow in InitiateAuth, say). */
export function initiateAuthMethodNotSupported(): CognitoError {
  return new CognitoError("InvalidParameterException", "Initiate Auth method not supported.");
}

export function userPasswordAuthNotEnabled(): CognitoError {
  return new CognitoError("InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client");
}

export function userSrpAuthNotEnabled(): CognitoError {
  return new CognitoError("InvalidParameterException", "USER_SRP_AUTH is not enabled for the client.");
}

/** The generic wording, for flows whose own is not on record. */
export function authFlowNotEnabled(): CognitoError {
  return new CognitoError("InvalidParameterException", "Auth flow not enabled for this client");
}

/** CUSTOM_AUTH in a pool without the DefineAuthChallenge and CreateAuthChallenge functions it needs. */
export function customAuthNotConfigured(): CognitoError {
  return new CognitoError("InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.");
}

/** A challenge the API asks for but the managed login pages do not yet (SMS and email codes, passkeys). */
export function pageChallengeNotServed(challenge: string): CognitoError {
  return new CognitoError("InvalidUserPoolConfigurationException", `The ${challenge} challenge is not asked by Cognate's managed login pages yet.`);
}

export function challengeNotSupported(challenge: string): CognitoError {
  return new CognitoError("InvalidParameterException", `The ${challenge} challenge is not supported by Cognate yet.`);
}

export function userAuthNotInLite(): CognitoError {
  return new CognitoError("InvalidParameterException", "The USER_AUTH flow is not available in the LITE tier: use the ESSENTIALS or PLUS tier.");
}

export function challengeNotAvailable(available: readonly string[]): CognitoError {
  return new CognitoError("InvalidParameterException", `ANSWER must name one of the available challenges: ${available.join(", ")}.`);
}

/** Cognito's wording for an A ≡ 0 (mod N) is not on record: this one is Cognate's. */
export function invalidSrpA(): CognitoError {
  return new CognitoError("InvalidParameterException", "SRP_A is not a valid SRP value.");
}

export function invalidSrpTimestamp(): CognitoError {
  return new CognitoError("InvalidParameterException", "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.");
}

/** A wrong code answering SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP or SMS_OTP. */
export function signInCodeMismatch(): CognitoError {
  return new CognitoError("CodeMismatchException", "Invalid code received for user");
}

export function mfaSetupNotDone(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "MFA_SETUP needs a verified software token: call AssociateSoftwareToken and VerifySoftwareToken with this session first.",
  );
}

/** A second factor whose challenge Cognate cannot ask yet: refused rather than skipped. */
/** Missing, expired, used, foreign or for another challenge: Cognito says nothing about which. */
export function invalidSession(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Invalid session for the user, session is expired.");
}

/** REFRESH_TOKEN_AUTH on a client that rotates refresh tokens, which must refresh through GetTokensFromRefreshToken. */
export function refreshNeedsRotation(): CognitoError {
  return new CognitoError(
    "UnsupportedOperationException",
    "Refresh token rotation is enabled for this client: refresh with GetTokensFromRefreshToken.",
  );
}

// ——— Lambda triggers (docs/behaviour.md#lambda-triggers) ———

/** The trigger's function threw: Cognito names the trigger and repeats the function's message. */
export function userLambdaValidation(trigger: string, message: string): CognitoError {
  return new CognitoError("UserLambdaValidationException", `${trigger} failed with error ${message}.`);
}

/** The function could not be run or did not answer within 5 seconds. */
export function unexpectedLambda(trigger: string, reason: string): CognitoError {
  return new CognitoError("UnexpectedLambdaException", `${trigger} invocation failed due to error ${reason}.`);
}

/** The function answered something that is not the event with a usable response. */
export function invalidLambdaResponse(): CognitoError {
  return new CognitoError("InvalidLambdaResponseException", "Unrecognizable lambda output");
}

// ——— Codes ———

/** Too many wrong codes; also ChangePassword while the user is locked out (unlike sign-in's passwordAttemptsExceeded). */
export function attemptLimitExceeded(): CognitoError {
  return new CognitoError("LimitExceededException", "Attempt limit exceeded, please try after some time.");
}

export function codeMismatch(): CognitoError {
  return new CognitoError("CodeMismatchException", "Invalid verification code provided, please try again.");
}

/** Also a code never sent, used, or replaced. */
export function expiredCode(): CognitoError {
  return new CognitoError("ExpiredCodeException", "Invalid code provided, please request a code again.");
}

// ——— Tokens ———

/** Also a refresh token of another client or pool: nothing tells the caller it exists. */
export function invalidRefreshToken(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Invalid Refresh Token.");
}

export function refreshTokenRevoked(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Refresh Token has been revoked");
}

export function refreshTokenExpired(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Refresh Token has expired");
}

export function refreshTokenRotated(): CognitoError {
  return new CognitoError("RefreshTokenReuseException", "Refresh Token has been rotated");
}

export function invalidAccessToken(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Invalid Access Token");
}

export function accessTokenExpired(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Access Token has expired");
}

export function accessTokenRevoked(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Access Token has been revoked");
}

export function accessTokenWithoutScope(): CognitoError {
  return new CognitoError("NotAuthorizedException", "Access Token does not have required scopes");
}

export function tokenRevocationDisabled(clientId: string): CognitoError {
  return new CognitoError("UnsupportedOperationException", `Token revocation is not enabled for client ${clientId}`);
}

/** RevokeToken given an ID or access token. */
export function onlyRefreshTokensRevocable(): CognitoError {
  return new CognitoError("UnsupportedTokenTypeException", "Only refresh tokens can be revoked");
}

export function tokenOfAnotherClient(clientId: string): CognitoError {
  return new CognitoError("UnauthorizedException", `The token was not issued to client ${clientId}`);
}

/** GlobalSignOut models no UserNotFoundException: the error as NotAuthorizedException, in the same words. */
export function asNotAuthorized(error: CognitoError): CognitoError {
  return new CognitoError("NotAuthorizedException", error.message);
}

/** RevokeToken models no ResourceNotFoundException: the error as UnauthorizedException, in the same words. */
export function asUnauthorized(error: CognitoError): CognitoError {
  return new CognitoError("UnauthorizedException", error.message);
}

// ——— Groups ———

/** The wording moto reproduces; no first-hand AWS transcript was found to confirm it. */
export function groupExists(): CognitoError {
  return new CognitoError("GroupExistsException", "A group with the name already exists");
}

export function groupNotFound(): CognitoError {
  return new CognitoError("ResourceNotFoundException", "Group not found.");
}

// ——— Domains ———

/** A prefix (or custom domain) another pool holds; prefixes are unique within a region. */
export function domainTaken(): CognitoError {
  return new CognitoError("InvalidParameterException", "Domain already associated with another user pool.");
}

/** Cognito allows one domain per pool. */
export function poolHasDomain(): CognitoError {
  return new CognitoError("InvalidParameterException", "User pool already has a domain configured.");
}

/** Prefix domains may not contain `aws`, `amazon` or `cognito`. */
export function domainReservedWord(word: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Domain cannot contain reserved word: ${word}`);
}

/** A prefix domain (no CustomDomainConfig) with a character the prefix format refuses, such as a dot. */
export function prefixDomainInvalid(): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    "The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. " +
      "Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$",
  );
}

/** A custom domain must be a subdomain: at least two labels under the name the certificate covers. */
export function customDomainNotSubdomain(domain: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Custom domain is not a valid subdomain: ${domain}`);
}

export function managedLoginVersionInvalid(version: number): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid ManagedLoginVersion ${version}: use 1 (hosted UI classic) or 2 (managed login).`);
}

/** UpdateUserPoolDomain or DeleteUserPoolDomain naming a domain the pool does not have. */
export function domainNotFound(): CognitoError {
  return new CognitoError("InvalidParameterException", "No such domain or user pool exists.");
}

// ——— Resource servers ———

export function resourceServerExists(identifier: string, poolId: string): CognitoError {
  return new CognitoError("InvalidParameterException", `${identifier} already exists in pool ${poolId}.`);
}

export function resourceServerNotFound(identifier: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `Resource server ${identifier} does not exist.`);
}

export function duplicateScopeName(scopeName: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Duplicate scope name ${scopeName}.`);
}

/** An app client asking for a scope that is neither a standard one nor one of the pool's resource servers. */
export function scopeDoesNotExist(scope: string): CognitoError {
  return new CognitoError("ScopeDoesNotExistException", `Invalid scope requested: ${scope}`);
}

// ——— OAuth 2.0 endpoints (RFC 6749 §5.2 codes; Cognito answers the code alone) ———

/** A required parameter missing, repeated or malformed. */
export function oauthInvalidRequest(problem: string): OAuthError {
  return new OAuthError("invalid_request", problem);
}

/** An unknown client, a wrong or missing secret, or two client ids that disagree. */
export function oauthInvalidClient(): OAuthError {
  return new OAuthError("invalid_client", "Client authentication failed.");
}

/** A code or refresh token that is unknown, used, expired, revoked, or not the client's. */
export function oauthInvalidGrant(): OAuthError {
  return new OAuthError("invalid_grant", "The grant is invalid, expired or revoked.");
}

/** The client may not use this grant (its AllowedOAuthFlows, or OAuth not switched on). */
export function oauthUnauthorizedClient(): OAuthError {
  return new OAuthError("unauthorized_client", "The client is not allowed this grant.");
}

export function oauthUnsupportedGrantType(): OAuthError {
  return new OAuthError("unsupported_grant_type", "The grant type is not supported.");
}

/** A scope the client is not allowed, or that no longer exists. */
export function oauthInvalidScope(): OAuthError {
  return new OAuthError("invalid_scope", "The requested scope is invalid.");
}

/**
 * An authorize request whose client is unknown or whose redirect_uri is not one of the client's callback
 * URLs: shown on a page, never redirected (that would be an open redirect). Cognito's page names it
 * `redirect_mismatch`.
 */
export function oauthRedirectMismatch(): OAuthError {
  return new OAuthError("redirect_mismatch", "The client or its redirect_uri is not registered.");
}

/** `prompt=none` without a managed-login session: redirected back, never a form (OpenID Connect Core §3.1.2.6). */
export function oauthLoginRequired(): OAuthError {
  return new OAuthError("login_required", "prompt=none and the browser has no managed-login session.");
}

/** userInfo without a usable access token carrying openid: 401 with `WWW-Authenticate` (RFC 6750 §3.1). */
export function oauthInvalidToken(): OAuthError {
  return new OAuthError("invalid_token", "The access token is missing, invalid, expired, revoked or lacks the openid scope.", 401);
}

/** The revocation endpoint revokes refresh tokens; an ID or access token is refused (RFC 7009 §2.2.1). */
export function oauthUnsupportedTokenType(): OAuthError {
  return new OAuthError("unsupported_token_type", "Only refresh tokens can be revoked.");
}

/** Over the endpoint's quota category. */
/** A federated sign-in the provider's answer did not complete; sent back to the client with the reason. */
export function federationFailed(reason: string): OAuthError {
  return new OAuthError("invalid_request", reason);
}

export function oauthRateExceeded(): OAuthError {
  return new OAuthError("too_many_requests", "Rate exceeded", 429);
}

// ——— Paging ———

/** A forged page token, or one from another listing or pool, named as the request names it. */
export function invalidPageToken(tokenName: "NextToken" | "PaginationToken"): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid ${tokenName}.`);
}

/**
 * A group listing's Limit of 0: the model allows it, but Cognito's service refuses it as a validation error
 * naming an internal member (aws/aws-sdk-js#2193).
 */
export function groupPageLimitZero(): CognitoError {
  return validationFailed([validationPhrases.valueFailure("0", "maxItems", validationPhrases.atLeast("value", 1))]);
}

// ——— UI customization and managed login branding (docs/behaviour.md, "Branding") ———

/** CSS the classic hosted UI would not take: a selector outside its classes, an at-rule, markup. */
export function uiCustomizationCssInvalid(problem: string): CognitoError {
  return new CognitoError("InvalidParameterException", `css is invalid: ${problem}`);
}

/** The logo must be a PNG or JPEG image of at most 100 KB. */
export function uiCustomizationImageInvalid(): CognitoError {
  return new CognitoError("InvalidParameterException", "Image file must be a PNG or JPEG image of at most 100 KB.");
}

export function managedLoginBrandingExists(): CognitoError {
  return new CognitoError("ManagedLoginBrandingExistsException", "A managed login branding style already exists for this app client.");
}

export function managedLoginBrandingNotFound(): CognitoError {
  return new CognitoError("ResourceNotFoundException", "Managed login branding does not exist.");
}

/** UseCognitoProvidedValues replaces Settings and Assets: both at once is a contradiction. */
export function managedLoginBrandingProvidedValuesWithSettings(): CognitoError {
  return new CognitoError("InvalidParameterException", "Settings and Assets must be empty when UseCognitoProvidedValues is true.");
}

/** UpdateManagedLoginBranding's model marks nothing required, yet the style must be named. */
export function managedLoginBrandingUnnamed(): CognitoError {
  return new CognitoError("InvalidParameterException", "UserPoolId and ManagedLoginBrandingId are required.");
}

/** Settings must be a JSON object (the model's document allows any JSON value). */
export function managedLoginBrandingSettingsInvalid(): CognitoError {
  return new CognitoError("InvalidParameterException", "Settings must be a JSON object.");
}

/** One asset per category and colour mode. */
export function managedLoginBrandingAssetRepeated(category: string, colorMode: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Duplicate asset for category ${category} and color mode ${colorMode}.`);
}

// ——— Identity providers (docs/behaviour.md#identity-providers) ———

/** The wording CloudTrail shows for Cognito's refusal (aws-cloudformation/cloudformation-coverage-roadmap#1287). */
export function identityProviderExists(providerName: string, poolId: string): CognitoError {
  return new CognitoError("DuplicateProviderException", `${providerName} already exists in user pool ${poolId}`);
}

export function idpIdentifierTaken(identifier: string, poolId: string): CognitoError {
  return new CognitoError("DuplicateProviderException", `Identifier ${identifier} already exists in user pool ${poolId}`);
}

export function identityProviderMissing(providerName: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `Identity provider ${providerName} does not exist.`);
}

export function idpIdentifierMissing(identifier: string): CognitoError {
  return new CognitoError("ResourceNotFoundException", `Identity provider with identifier ${identifier} does not exist.`);
}

/** A social provider must be named as its type ("Provider NameOfGP cannot be of type Google.", aws/aws-cli#3179). */
export function providerNameNotType(providerName: string, providerType: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Provider ${providerName} cannot be of type ${providerType}.`);
}

/** Only the social provider of that type may use its name, and COGNITO names the pool's own directory. */
export function providerNameReserved(providerName: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Provider name ${providerName} is reserved.`);
}

export function providerDetailMissing(key: string, providerType: string): CognitoError {
  return new CognitoError("InvalidParameterException", `${key} is required for provider type ${providerType}.`);
}

export function providerDetailInvalid(key: string, allowed: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid value for ${key}; expected ${allowed}.`);
}

export function samlMetadataSourceCount(): CognitoError {
  return new CognitoError("InvalidParameterException", "Exactly one of MetadataFile or MetadataURL must be given.");
}

export function samlMetadataUnreadable(reason: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Unable to read the SAML metadata: ${reason}.`);
}

export function oidcDiscoveryFailed(issuer: string): CognitoError {
  return new CognitoError(
    "InvalidParameterException",
    `Unable to discover the OIDC endpoints of ${issuer}; give authorize_url, token_url, attributes_url and jwks_uri.`,
  );
}

export function mappedAttributeUnknown(attribute: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Attribute ${attribute} in AttributeMapping does not exist in the user pool.`);
}

// ——— Linking federated users (docs/behaviour.md#linking-federated-users) ———

/** The source identity already has its own EXTERNAL_PROVIDER user: Cognito's words for it (seen in clients handling it). */
export function linkSourceSignedUp(): CognitoError {
  return new CognitoError("InvalidParameterException", "Merging is not currently supported, provide a SourceUser that has not been signed up in order to link");
}

/** The source identity is linked already (to this user or another); Cognito's words as clients match them. */
export function linkSourceLinked(): CognitoError {
  return new CognitoError("InvalidParameterException", "SourceUser is already linked to DestinationUser");
}

/** Cognito allows five linked identities per user. */
export function linkLimitExceeded(): CognitoError {
  return new CognitoError("LimitExceededException", "A user can have at most 5 linked identities.");
}

/** The destination is a user of the pool (`Cognito`); a provider's user is named by that provider. */
export function linkProviderInvalid(member: "DestinationUser" | "SourceUser" | "User", reason: string): CognitoError {
  return new CognitoError("InvalidParameterException", `Invalid ${member}: ${reason}`);
}
