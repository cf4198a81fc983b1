import type { OperationName } from "../../model/operations.gen.js";

/*
 * Cognito's request-rate quotas, from the Amazon Cognito Developer Guide, "Quotas in Amazon Cognito",
 * section "Amazon Cognito user pools API operation categories and request rate quotas"
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html#category_operations).
 * A quota is per account and Region, in requests per second, shared by every operation of its category
 * across all user pools.
 *
 * What the guide states in prose: UserAuthentication is AdminInitiateAuth, InitiateAuth,
 * AdminRespondToAuthChallenge and RespondToAuthChallenge; UserCreation is exactly SignUp, ConfirmSignUp,
 * AdminCreateUser and AdminConfirmSignUp. We place AdminSetUserPassword in UserAccountRecovery with
 * ChangePassword, ForgotPassword, ConfirmForgotPassword and AdminResetUserPassword. The guide's per-category
 * operation lists could not be retrieved; every other operation is placed by the category descriptions
 * ("retrieve a user", "manage users and user attributes", "token management", "user resource information,
 * such as a remembered device or a group membership", "resources, such as groups or resource servers, in a
 * user pool", ...). Our choices among those: GetTokensFromRefreshToken counts as UserAuthentication (it
 * replaces InitiateAuth's REFRESH_TOKEN_AUTH flow), ResendConfirmationCode as UserAccountRecovery (UserCreation
 * is documented as four operations), GlobalSignOut and AdminUserGlobalSignOut as UserToken. The table's
 * choices are recorded in docs/behaviour.md#throttling.
 */

/** Every quota category, with its default rate in requests per second. */
export const defaultRates = {
  UserAuthentication: 120,
  UserCreation: 50,
  /** The federation endpoints (`/oauth2/idpresponse`, `/saml2/idpresponse`); no API operation. */
  UserFederation: 25,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserUpdate: 25,
  UserToken: 120,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserList: 30,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  UserPoolClientRead: 15,
  UserPoolClientUpdate: 15,
  /** `client_credentials` requests to the token endpoint; no API operation. */
  ClientAuthentication: 150,
  /** GetProvisionedLimit and UpdateProvisionedLimit; name and rate as quoted from the live guide by another emulator. */
  LimitManagement: 1,
} as const satisfies Record<string, number>;

export type QuotaCategory = keyof typeof defaultRates;

export const quotaCategories = Object.keys(defaultRates) as readonly QuotaCategory[];

export function isQuotaCategory(name: string): name is QuotaCategory {
  return Object.hasOwn(defaultRates, name);
}

/**
 * "The matching operations RespondToAuthChallenge and AdminRespondToAuthChallenge are subject to a separate
 * quota that is three times the UserAuthentication category limit ... Beyond the three-times threshold, the
 * excess rate counts towards the UserAuthentication category quota."
 */
export const challengeOperations: ReadonlySet<OperationName> = new Set(["AdminRespondToAuthChallenge", "RespondToAuthChallenge"]);
export const CHALLENGE_QUOTA_FACTOR = 3;

/** The quota category of every operation of the model (a new operation does not compile until it is placed). */
export const operationCategories: Readonly<Record<OperationName, QuotaCategory>> = {
  AddCustomAttributes: "UserPoolUpdate",
  AddUserPoolClientSecret: "UserPoolClientUpdate",
  AdminAddUserToGroup: "UserResourceUpdate",
  AdminConfirmSignUp: "UserCreation",
  AdminCreateUser: "UserCreation",
  AdminDeleteUser: "UserUpdate",
  AdminDeleteUserAttributes: "UserUpdate",
  AdminDisableProviderForUser: "UserUpdate",
  AdminDisableUser: "UserUpdate",
  AdminEnableUser: "UserUpdate",
  AdminForgetDevice: "UserResourceUpdate",
  AdminGetDevice: "UserResourceRead",
  AdminGetUser: "UserRead",
  AdminGetUserAuthFactors: "UserRead",
  AdminInitiateAuth: "UserAuthentication",
  AdminLinkProviderForUser: "UserUpdate",
  AdminListDevices: "UserResourceRead",
  AdminListGroupsForUser: "UserResourceRead",
  AdminListUserAuthEvents: "UserResourceRead",
  AdminRemoveUserFromGroup: "UserResourceUpdate",
  AdminResetUserPassword: "UserAccountRecovery",
  AdminRespondToAuthChallenge: "UserAuthentication",
  AdminSetUserMFAPreference: "UserUpdate",
  AdminSetUserPassword: "UserAccountRecovery",
  AdminSetUserSettings: "UserUpdate",
  AdminUpdateAuthEventFeedback: "UserResourceUpdate",
  AdminUpdateDeviceStatus: "UserResourceUpdate",
  AdminUpdateUserAttributes: "UserUpdate",
  AdminUserGlobalSignOut: "UserToken",
  AssociateSoftwareToken: "UserUpdate",
  ChangePassword: "UserAccountRecovery",
  CompleteWebAuthnRegistration: "UserResourceUpdate",
  ConfirmDevice: "UserResourceUpdate",
  ConfirmForgotPassword: "UserAccountRecovery",
  ConfirmSignUp: "UserCreation",
  CreateGroup: "UserPoolResourceUpdate",
  CreateIdentityProvider: "UserPoolResourceUpdate",
  CreateManagedLoginBranding: "UserPoolResourceUpdate",
  CreateResourceServer: "UserPoolResourceUpdate",
  CreateTerms: "UserPoolResourceUpdate",
  CreateUserImportJob: "UserPoolResourceUpdate",
  CreateUserPool: "UserPoolUpdate",
  CreateUserPoolClient: "UserPoolClientUpdate",
  CreateUserPoolDomain: "UserPoolResourceUpdate",
  CreateUserPoolReplica: "UserPoolUpdate",
  DeleteGroup: "UserPoolResourceUpdate",
  DeleteIdentityProvider: "UserPoolResourceUpdate",
  DeleteManagedLoginBranding: "UserPoolResourceUpdate",
  DeleteResourceServer: "UserPoolResourceUpdate",
  DeleteTerms: "UserPoolResourceUpdate",
  DeleteUser: "UserUpdate",
  DeleteUserAttributes: "UserUpdate",
  DeleteUserPool: "UserPoolUpdate",
  DeleteUserPoolClient: "UserPoolClientUpdate",
  DeleteUserPoolClientSecret: "UserPoolClientUpdate",
  DeleteUserPoolDomain: "UserPoolResourceUpdate",
  DeleteUserPoolReplica: "UserPoolUpdate",
  DeleteWebAuthnCredential: "UserResourceUpdate",
  DescribeIdentityProvider: "UserPoolResourceRead",
  DescribeManagedLoginBranding: "UserPoolResourceRead",
  DescribeManagedLoginBrandingByClient: "UserPoolResourceRead",
  DescribeResourceServer: "UserPoolResourceRead",
  DescribeRiskConfiguration: "UserPoolResourceRead",
  DescribeTerms: "UserPoolResourceRead",
  DescribeUserImportJob: "UserPoolResourceRead",
  DescribeUserPool: "UserPoolRead",
  DescribeUserPoolClient: "UserPoolClientRead",
  DescribeUserPoolDomain: "UserPoolResourceRead",
  ForgetDevice: "UserResourceUpdate",
  ForgotPassword: "UserAccountRecovery",
  GetCSVHeader: "UserPoolResourceRead",
  GetDevice: "UserResourceRead",
  GetGroup: "UserPoolResourceRead",
  GetIdentityProviderByIdentifier: "UserPoolResourceRead",
  GetLogDeliveryConfiguration: "UserPoolRead",
  GetProvisionedLimit: "LimitManagement",
  GetSigningCertificate: "UserPoolResourceRead",
  GetTokensFromRefreshToken: "UserAuthentication",
  GetUICustomization: "UserPoolResourceRead",
  GetUser: "UserRead",
  GetUserAttributeVerificationCode: "UserUpdate",
  GetUserAuthFactors: "UserRead",
  GetUserPoolMfaConfig: "UserPoolRead",
  GlobalSignOut: "UserToken",
  InitiateAuth: "UserAuthentication",
  ListDevices: "UserResourceRead",
  ListGroups: "UserPoolResourceRead",
  ListIdentityProviders: "UserPoolResourceRead",
  ListResourceServers: "UserPoolResourceRead",
  ListTagsForResource: "UserPoolRead",
  ListTerms: "UserPoolResourceRead",
  ListUserImportJobs: "UserPoolResourceRead",
  ListUserPoolClientSecrets: "UserPoolClientRead",
  ListUserPoolClients: "UserPoolClientRead",
  ListUserPoolReplicas: "UserPoolRead",
  ListUserPools: "UserPoolRead",
  ListUsers: "UserList",
  ListUsersInGroup: "UserList",
  ListWebAuthnCredentials: "UserResourceRead",
  ResendConfirmationCode: "UserAccountRecovery",
  RespondToAuthChallenge: "UserAuthentication",
  RevokeToken: "UserToken",
  SetLogDeliveryConfiguration: "UserPoolUpdate",
  SetRiskConfiguration: "UserPoolResourceUpdate",
  SetUICustomization: "UserPoolResourceUpdate",
  SetUserMFAPreference: "UserUpdate",
  SetUserPoolMfaConfig: "UserPoolUpdate",
  SetUserSettings: "UserUpdate",
  SignUp: "UserCreation",
  StartUserImportJob: "UserPoolResourceUpdate",
  StartWebAuthnRegistration: "UserResourceUpdate",
  StopUserImportJob: "UserPoolResourceUpdate",
  TagResource: "UserPoolUpdate",
  UntagResource: "UserPoolUpdate",
  UpdateAuthEventFeedback: "UserResourceUpdate",
  UpdateDeviceStatus: "UserResourceUpdate",
  UpdateGroup: "UserPoolResourceUpdate",
  UpdateIdentityProvider: "UserPoolResourceUpdate",
  UpdateManagedLoginBranding: "UserPoolResourceUpdate",
  UpdateProvisionedLimit: "LimitManagement",
  UpdateResourceServer: "UserPoolResourceUpdate",
  UpdateTerms: "UserPoolResourceUpdate",
  UpdateUserAttributes: "UserUpdate",
  UpdateUserPool: "UserPoolUpdate",
  UpdateUserPoolClient: "UserPoolClientUpdate",
  UpdateUserPoolDomain: "UserPoolResourceUpdate",
  UpdateUserPoolReplica: "UserPoolUpdate",
  VerifySoftwareToken: "UserUpdate",
  VerifyUserAttribute: "UserUpdate",
};
