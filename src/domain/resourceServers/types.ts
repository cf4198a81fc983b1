/** An API a pool issues access-token scopes for; its scopes are `<identifier>/<scope name>`. */
export interface ResourceServerRecord {
  poolId: string;
  identifier: string;
  name: string;
  scopes: ResourceServerScope[];
}

export interface ResourceServerScope {
  name: string;
  description: string;
}
