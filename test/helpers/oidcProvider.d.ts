// oidc-provider ships no types; the tests use it as a real OpenID provider through a few calls only.
declare module "oidc-provider";
