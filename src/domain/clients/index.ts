export type { ClientConfig, ClientRecord } from "./types.js";
export {
  findClientForUnsignedRequest,
  newAppClient,
  newClientId,
  preventsUserExistenceErrors,
  requireClient,
  toUserPoolClientDescription,
  toUserPoolClientType,
  tokenRevocationEnabled,
  updatedAppClient,
} from "./appClient.js";
export { clientCanReadAttribute, clientCanWriteAttribute } from "./attributePermissions.js";
export { authFlowEnabled } from "./authFlows.js";
export { authSessionSeconds, tokenLifetimes, type TokenLifetimes } from "./tokenValidity.js";
