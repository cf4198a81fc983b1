import type { OperationTable } from "../../types.js";
import { createIdentityProvider } from "./createIdentityProvider.js";
import { deleteIdentityProvider } from "./deleteIdentityProvider.js";
import { describeIdentityProvider } from "./describeIdentityProvider.js";
import { getSigningCertificate } from "./getSigningCertificate.js";
import { getIdentityProviderByIdentifier } from "./getIdentityProviderByIdentifier.js";
import { listIdentityProviders } from "./listIdentityProviders.js";
import { updateIdentityProvider } from "./updateIdentityProvider.js";

/** The identity providers family: the external OIDC, SAML and social providers a pool federates with. */
export const identityProvidersOperations = {
  CreateIdentityProvider: createIdentityProvider,
  DeleteIdentityProvider: deleteIdentityProvider,
  DescribeIdentityProvider: describeIdentityProvider,
  GetIdentityProviderByIdentifier: getIdentityProviderByIdentifier,
  GetSigningCertificate: getSigningCertificate,
  ListIdentityProviders: listIdentityProviders,
  UpdateIdentityProvider: updateIdentityProvider,
} satisfies OperationTable;
