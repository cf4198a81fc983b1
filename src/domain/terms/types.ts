/** Terms documents of an app client, linked from managed login's sign-up page. */
export interface TermsRecord {
  /** A random UUID (version 4), as the model's TermsIdType requires. */
  termsId: string;
  poolId: string;
  clientId: string;
  /** `terms-of-use` or `privacy-policy`: unique per client. */
  name: string;
  /** `LINK`, the only value the API accepts yet. */
  source: string;
  /** `NONE`, the only value the API accepts yet. */
  enforcement: string;
  /** Language (`cognito:default`, `cognito:spanish`, …) → URL. */
  links: Record<string, string>;
  createdAt: Date;
  lastModifiedAt: Date;
}
