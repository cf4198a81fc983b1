/** The admin console's pages: escaped templates that receive plain data and return HTML text. */
export { signInPage, type Frame, type Refusable } from "./layout.js";
export { poolsPage, poolPage, type PoolView } from "./pools.js";
export { usersPage, userPage, FILTER_ATTRIBUTES, type UserSearch } from "./users.js";
export { clientsPage, clientPage, groupsPage, groupPage, outboxPage, auditPage, clockPage, messageOnlyPage } from "./admin.js";
export { identityProvidersPage, identityProviderPage, domainPage, resourceServersPage, triggersPage, ARN_TRIGGERS, type InvocationEntry } from "./poolSettings.js";
