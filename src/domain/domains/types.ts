/** A user pool's domain: the host its managed login pages and OAuth 2.0 endpoints answer on. */
export interface UserPoolDomainRecord {
  /** The prefix alone (`myprefix`) or, for a custom domain, the fully-qualified name (`auth.example.com`). */
  domain: string;
  /** The region of the pool; prefixes are unique within a region, as Cognito's are. */
  region: string;
  poolId: string;
  /** Present for a custom domain. */
  customDomain?: CustomDomain;
  /** 1: classic hosted UI; 2: managed login. */
  managedLoginVersion: number;
  createdAt: Date;
  lastModifiedAt: Date;
}

export interface CustomDomain {
  certificateArn: string;
  securityPolicy?: string;
}
