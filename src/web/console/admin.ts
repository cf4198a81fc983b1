import type { GroupType, UserPoolClientDescription, UserPoolClientType, UserType } from "@aws-sdk/client-cognito-identity-provider";
import { checkbox, consolePage, facts, field, form, table, when, type Frame } from "./layout.js";
import { pager } from "./pools.js";
import { html } from "./template.js";

export function clientsPage(frame: Frame, view: { poolId: string; clients: UserPoolClientDescription[]; nextToken?: string }): string {
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/clients`;
  return consolePage(
    frame,
    html`<h1>App clients</h1>
<section>
${table(
  "App clients of this pool",
  ["Name", "Client id"],
  view.clients.map((client) => [html`<a href="${base}/${encodeURIComponent(client.ClientId ?? "")}">${client.ClientName}</a>`, html`<code>${client.ClientId}</code>`]),
  "No app client yet.",
)}
${pager(base, {}, view.nextToken)}
</section>
<section>
<h2>Create an app client</h2>
${form(
  base,
  frame.csrf,
  html`${field("Client name", "clientName", { required: true })}
${checkbox("Generate a client secret (for server-side apps)", "generateSecret", false)}
<button type="submit">Create app client</button>`,
)}
</section>`,
  );
}

const FLOWS = [
  ["ALLOW_USER_SRP_AUTH", "SRP (USER_SRP_AUTH)"],
  ["ALLOW_USER_PASSWORD_AUTH", "Password (USER_PASSWORD_AUTH)"],
  ["ALLOW_ADMIN_USER_PASSWORD_AUTH", "Admin password (ADMIN_USER_PASSWORD_AUTH)"],
  ["ALLOW_CUSTOM_AUTH", "Custom (CUSTOM_AUTH)"],
  ["ALLOW_REFRESH_TOKEN_AUTH", "Refresh tokens (REFRESH_TOKEN_AUTH)"],
] as const;

/** `secret`: shown once, on the page answering "Show client secret". */
export function clientPage(frame: Frame, view: { poolId: string; client: UserPoolClientType & { ClientId: string }; secret?: string }): string {
  const { client } = view;
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/clients/${encodeURIComponent(client.ClientId)}`;
  const lines = (values: string[] | undefined) => (values ?? []).join("\n");
  const flows = new Set(client.ExplicitAuthFlows ?? []);
  const oauthFlows = new Set(client.AllowedOAuthFlows ?? []);
  return consolePage(
    frame,
    html`<h1>App client ${client.ClientName}</h1>
<section>
<h2>Summary</h2>
${facts([
  ["Client id", html`<code>${client.ClientId}</code>`],
  ["Client secret", client.ClientSecret === undefined ? "none" : "yes (hidden)"],
  ["Created", when(client.CreationDate)],
  ["Token validity", `access ${client.AccessTokenValidity ?? 60} ${client.TokenValidityUnits?.AccessToken ?? "minutes"}, ID ${client.IdTokenValidity ?? 60} ${client.TokenValidityUnits?.IdToken ?? "minutes"}, refresh ${client.RefreshTokenValidity ?? 30} ${client.TokenValidityUnits?.RefreshToken ?? "days"}`],
  ["Identity providers", (client.SupportedIdentityProviders ?? []).join(", ") || "none"],
])}
${
  client.ClientSecret === undefined
    ? ""
    : view.secret === undefined
      ? form(`${base}/secret`, frame.csrf, html`<button type="submit">Show client secret</button>`)
      : html`<div class="secret" role="status"><label for="client-secret">Client secret (copy it now; it is not kept on this page)</label><input class="copy mono" type="text" id="client-secret" readonly value="${view.secret}"></div>`
}
</section>
<section>
<h2>Sign-in and OAuth settings</h2>
${form(
  `${base}/settings`,
  frame.csrf,
  html`<fieldset><legend>Authentication flows</legend>${FLOWS.map(([flow, label]) => checkbox(label, "explicitAuthFlows", flows.has(flow), { id: `flow-${flow}`, value: flow }))}</fieldset>
${checkbox("OAuth 2.0 flows are allowed (managed login, the token endpoint)", "oauthEnabled", client.AllowedOAuthFlowsUserPoolClient === true)}
<fieldset><legend>OAuth grant types</legend>
${checkbox("Authorization code", "oauthCode", oauthFlows.has("code"))}
${checkbox("Implicit", "oauthImplicit", oauthFlows.has("implicit"))}
${checkbox("Client credentials", "oauthClientCredentials", oauthFlows.has("client_credentials"))}
</fieldset>
${field("Scopes (space separated)", "scopes", { value: (client.AllowedOAuthScopes ?? []).join(" ") })}
<label for="callbackUrls">Callback URLs (one a line)</label><textarea id="callbackUrls" name="callbackUrls" rows="3">${lines(client.CallbackURLs)}</textarea>
<label for="logoutUrls">Sign-out URLs (one a line)</label><textarea id="logoutUrls" name="logoutUrls" rows="3">${lines(client.LogoutURLs)}</textarea>
<button type="submit">Save settings</button>`,
)}
</section>
<section>
<h2 id="delete">Delete app client</h2>
${form(`${base}/delete`, frame.csrf, html`${checkbox(`Yes, delete ${client.ClientName ?? ""}`, "confirm", false, { required: true, id: "confirm-delete" })}<button class="danger" type="submit">Delete app client</button>`)}
</section>`,
  );
}

export function groupsPage(frame: Frame, view: { poolId: string; groups: GroupType[]; nextToken?: string }): string {
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/groups`;
  return consolePage(
    frame,
    html`<h1>Groups</h1>
<section>
${table(
  "Groups of this pool",
  ["Group", "Description", "Precedence"],
  view.groups.map((group) => [html`<a href="${base}/${encodeURIComponent(group.GroupName ?? "")}">${group.GroupName}</a>`, group.Description ?? "", group.Precedence === undefined ? "" : String(group.Precedence)]),
  "No group yet.",
)}
${pager(base, {}, view.nextToken)}
</section>
<section>
<h2>Create a group</h2>
${form(
  base,
  frame.csrf,
  html`<div class="row"><div>${field("Group name", "groupName", { required: true })}</div><div>${field("Description", "description")}</div><div>${field("Precedence", "precedence", { type: "number", min: 0 })}</div><button type="submit">Create group</button></div>`,
)}
</section>`,
  );
}

export function groupPage(frame: Frame, view: { poolId: string; group: GroupType; members: UserType[]; nextToken?: string }): string {
  const pool = `/console/pools/${encodeURIComponent(view.poolId)}`;
  const base = `${pool}/groups/${encodeURIComponent(view.group.GroupName ?? "")}`;
  return consolePage(
    frame,
    html`<h1>Group ${view.group.GroupName}</h1>
<section>
${facts([
  ["Description", view.group.Description ?? ""],
  ["Precedence", view.group.Precedence === undefined ? "" : String(view.group.Precedence)],
  ["Role", view.group.RoleArn ?? ""],
  ["Created", when(view.group.CreationDate)],
])}
</section>
<section>
<h2>Members</h2>
${table("Members of the group", ["Username", "Status"], view.members.map((user) => [html`<a href="${pool}/users/${encodeURIComponent(user.Username ?? "")}">${user.Username}</a>`, user.UserStatus ?? ""]), "No member.")}
${pager(base, {}, view.nextToken)}
</section>
<section>
<h2 id="delete">Delete group</h2>
${form(`${base}/delete`, frame.csrf, html`${checkbox(`Yes, delete ${view.group.GroupName ?? ""}`, "confirm", false, { required: true, id: "confirm-delete" })}<button class="danger" type="submit">Delete group</button>`)}
</section>`,
  );
}

export interface OutboxEntry {
  poolId: string;
  username: string;
  channel: string;
  destination: string;
  subject: string | null;
  body: string;
  code: string | null;
  kind: string;
  createdAt: Date;
}

export function outboxPage(frame: Frame, view: { poolId: string; messages: OutboxEntry[] }): string {
  return consolePage(
    frame,
    html`<h1>Outbox</h1>
<p>The messages Cognate would have sent (dev mode), newest first.</p>
<form method="get" action="/console/outbox" role="search"><div class="row"><div>${field("Pool id", "poolId", { value: view.poolId })}</div><button type="submit">Show</button></div></form>
${table(
  "Latest messages",
  ["Sent", "Pool", "User", "Kind", "To", "Code", "Message"],
  view.messages.map((message) => [
    when(message.createdAt),
    html`<code>${message.poolId}</code>`,
    message.username,
    message.kind,
    `${message.channel} ${message.destination}`,
    message.code === null ? "" : html`<code class="code">${message.code}</code>`,
    html`${message.subject === null ? "" : html`<strong>${message.subject}</strong><br>`}${message.body}`,
  ]),
  "No message yet.",
)}`,
  );
}

export interface AuditFilter {
  poolId: string;
  username: string;
  actor: string;
  operation: string;
}

export interface AuditEntry {
  time: Date;
  actor: string;
  sourceIp?: string;
  operation: string;
  poolId?: string;
  username?: string;
  outcome: string;
  errorType?: string;
}

export function auditPage(frame: Frame, view: { filter: AuditFilter; events: AuditEntry[]; next?: string }): string {
  const query = { ...view.filter };
  return consolePage(
    frame,
    html`<h1>Audit trail</h1>
<form method="get" action="/console/audit" role="search">
<div class="row">
<div>${field("Pool id", "poolId", { value: view.filter.poolId })}</div>
<div>${field("User", "username", { value: view.filter.username })}</div>
<div>${field("Caller", "actor", { value: view.filter.actor, hint: "An ARN, client:<id> or local" })}</div>
<div>${field("Operation", "operation", { value: view.filter.operation })}</div>
<button type="submit">Filter</button>
</div>
</form>
${table(
  "Events, newest first",
  ["Time", "Caller", "Operation", "Pool", "User", "Outcome"],
  view.events.map((event) => [
    when(event.time),
    html`<span class="mono">${event.actor}</span>${event.sourceIp === undefined ? "" : html`<br><span class="muted">${event.sourceIp}</span>`}`,
    event.operation,
    event.poolId ?? "",
    event.username ?? "",
    event.outcome === "success" ? "Success" : `Failed: ${event.errorType ?? ""}`,
  ]),
  "No event matches.",
)}
${pager("/console/audit", query, view.next)}`,
  );
}

export function clockPage(frame: Frame, view: { now: Date; offsetSeconds: number }): string {
  return consolePage(
    frame,
    html`<h1>Clock</h1>
<section>
${facts([
  ["Cognate's time", when(view.now)],
  ["Ahead of the real clock by", `${view.offsetSeconds} seconds`],
])}
<p class="muted">Moving the clock forward makes codes, temporary passwords and tokens expire without waiting. It cannot go back.</p>
${form(
  "/console/clock",
  frame.csrf,
  html`<div class="row"><div>${field("Advance by (seconds)", "seconds", { type: "number", min: 1, required: true })}</div><button type="submit">Advance clock</button></div>`,
)}
</section>`,
  );
}

export function messageOnlyPage(frame: Frame, text: string): string {
  return consolePage(frame, html`<h1>${frame.title}</h1><p>${text}</p><p><a href="/console">Back to the user pools</a></p>`);
}
