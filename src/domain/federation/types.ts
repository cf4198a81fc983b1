/**
 * AdminLinkProviderForUser's link: the identity whose `attributeName` at `providerName` is `attributeValue`
 * signs in as the pool's user `userSub` (docs/behaviour.md#linking-federated-users).
 */
export interface FederatedLinkRecord {
  poolId: string;
  /** The identity provider's name, exactly as the pool names it. */
  providerName: string;
  /** `Cognito_Subject` (the provider's subject) or, for SAML, an assertion attribute. */
  attributeName: string;
  attributeValue: string;
  userSub: string;
  createdAt: Date;
}
