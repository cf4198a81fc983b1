import type {
  GetUserPoolMfaConfigResponse,
  ResourceServerType,
  UserPoolDescriptionType,
  UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import { checkbox, consolePage, facts, field, form, select, table, when, type Frame } from "./layout.js";
import { html, raw } from "./template.js";

export function poolsPage(frame: Frame, view: { pools: UserPoolDescriptionType[]; nextToken?: string }): string {
  return consolePage(
    frame,
    html`<h1>User pools</h1>
<section>
<h2>Create a user pool</h2>
${form(
  "/console/pools",
  frame.csrf,
  html`<div class="row"><div>${field("Pool name", "poolName", { required: true })}</div>
<div>${select("Users sign in with", "signInWith", [["username", "A username"], ["email", "Their email address"], ["username-or-email", "A username or their email address"]], "username")}</div>
<button type="submit">Create pool</button></div>`,
)}
</section>
<section>
<h2>Your user pools</h2>
${table(
  "User pools in this region",
  ["Name", "Pool id", "Created"],
  view.pools.map((pool) => [html`<a href="/console/pools/${encodeURIComponent(pool.Id ?? "")}">${pool.Name}</a>`, html`<code>${pool.Id}</code>`, when(pool.CreationDate)]),
  "No user pool yet: create one above.",
)}
${pager("/console", {}, view.nextToken)}
</section>`,
  );
}

/** "Next page" with the token of the operation that listed this one; the first page is the plain address. */
export function pager(base: string, query: Record<string, string>, nextToken: string | undefined, tokenName = "next"): ReturnType<typeof html> {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ""));
  const first = search.size === 0 ? base : `${base}?${search}`;
  const next = nextToken === undefined ? undefined : `${base}?${new URLSearchParams({ ...Object.fromEntries(search), [tokenName]: nextToken })}`;
  return html`<nav class="pager" aria-label="Pages"><a href="${first}">First page</a>${next === undefined ? "" : html`<a href="${next}" rel="next">Next page</a>`}</nav>`;
}

export interface PoolView {
  pool: UserPoolType & { Id: string };
  mfa: GetUserPoolMfaConfigResponse;
  endpoints: { issuer: string; jwks: string; openIdConfiguration: string; token: string };
  resourceServers: ResourceServerType[];
}

export function poolPage(frame: Frame, view: PoolView): string {
  const { pool, mfa } = view;
  const base = `/console/pools/${encodeURIComponent(pool.Id)}`;
  const policy = pool.Policies?.PasswordPolicy ?? {};
  const signInWith = pool.UsernameAttributes?.length ? `${pool.UsernameAttributes.join(" or ")} (as the username)` : `username${pool.AliasAttributes?.length ? `, or alias ${pool.AliasAttributes.join(", ")}` : ""}`;
  const copy = (label: string, id: string, value: string) =>
    html`<label for="${id}">${label}</label><input class="copy mono" type="text" id="${id}" readonly value="${value}">`;
  return consolePage(
    frame,
    html`<h1>${pool.Name}</h1>
<section>
<h2>Summary</h2>
${facts([
  ["Pool id", html`<code>${pool.Id}</code>`],
  ["ARN", html`<code>${pool.Arn}</code>`],
  ["Users sign in with", signInWith],
  ["Estimated users", String(pool.EstimatedNumberOfUsers ?? 0)],
  ["Created", when(pool.CreationDate)],
  ["Last modified", when(pool.LastModifiedDate)],
  ["Domain", html`<a href="${base}/domain">${pool.CustomDomain ?? pool.Domain ?? "none"}</a>`],
  ["Resource servers", html`<a href="${base}/resource-servers">${view.resourceServers.map((server) => server.Identifier).join(", ") || "none"}</a>`],
  ["Lambda triggers", html`<a href="${base}/triggers">${Object.keys(pool.LambdaConfig ?? {}).join(", ") || "none"}</a>`],
])}
</section>
<section>
<h2>Endpoints for your app</h2>
${copy("Issuer", "issuer", view.endpoints.issuer)}
${copy("JWKS (token signing keys)", "jwks", view.endpoints.jwks)}
${copy("OpenID configuration", "openid", view.endpoints.openIdConfiguration)}
${copy("Token endpoint", "token", view.endpoints.token)}
</section>
<div class="grid">
<section>
<h2 id="password-policy">Password policy</h2>
${form(
  `${base}/password-policy`,
  frame.csrf,
  html`${field("Minimum length", "minimumLength", { type: "number", min: 6, max: 99, value: String(policy.MinimumLength ?? 8), required: true })}
<fieldset><legend>Require</legend>
${checkbox("Lowercase letters", "requireLowercase", policy.RequireLowercase === true)}
${checkbox("Uppercase letters", "requireUppercase", policy.RequireUppercase === true)}
${checkbox("Numbers", "requireNumbers", policy.RequireNumbers === true)}
${checkbox("Symbols", "requireSymbols", policy.RequireSymbols === true)}
</fieldset>
${field("Temporary passwords expire after (days)", "temporaryPasswordValidityDays", { type: "number", min: 0, max: 365, value: String(policy.TemporaryPasswordValidityDays ?? 7), required: true })}
<button type="submit">Save password policy</button>`,
)}
</section>
<section>
<h2 id="mfa">Multi-factor authentication</h2>
${form(
  `${base}/mfa`,
  frame.csrf,
  html`${select("MFA", "mfaConfiguration", [["OFF", "Off"], ["OPTIONAL", "Optional (users choose)"], ["ON", "Required"]], mfa.MfaConfiguration ?? "OFF")}
<fieldset><legend>Second factors</legend>
${checkbox("Authenticator apps (TOTP)", "softwareToken", mfa.SoftwareTokenMfaConfiguration?.Enabled === true)}
${checkbox("Email messages (Essentials or Plus tier)", "email", mfa.EmailMfaConfiguration !== undefined)}
</fieldset>
${facts([
  ["Text messages (SMS)", mfa.SmsMfaConfiguration === undefined ? "off" : "on (kept as set through the API)"],
  ["Passkeys", mfa.WebAuthnConfiguration === undefined ? "default settings" : `relying party ${mfa.WebAuthnConfiguration.RelyingPartyId ?? "(the pool's domain)"}, user verification ${mfa.WebAuthnConfiguration.UserVerification ?? "preferred"}`],
])}
<button type="submit">Save MFA settings</button>`,
)}
</section>
<section>
<h2 id="sign-up">Sign-up and deletion protection</h2>
${form(
  `${base}/options`,
  frame.csrf,
  html`${checkbox("Users may sign themselves up", "selfSignUp", pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly !== true)}
${checkbox("Deletion protection (the pool cannot be deleted while on)", "deletionProtection", pool.DeletionProtection === "ACTIVE")}
<button type="submit">Save options</button>`,
)}
</section>
<section>
<h2 id="delete">Delete this pool</h2>
<p>Deleting a pool removes its users, groups and app clients for good.</p>
${form(
  `${base}/delete`,
  frame.csrf,
  html`${field(`Type the pool's name (${pool.Name ?? ""}) to confirm`, "confirmName", { required: true, autocomplete: "off" })}
<button class="danger" type="submit">Delete pool</button>`,
)}
</section>
</div>
${raw("")}`,
  );
}
