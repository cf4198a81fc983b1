import type {
  DomainDescriptionType,
  IdentityProviderType,
  LambdaConfigType,
  ProviderDescription,
  ResourceServerType,
} from "@aws-sdk/client-cognito-identity-provider";
import { checkbox, consolePage, facts, field, form, select, table, when, type Frame } from "./layout.js";
import { pager } from "./pools.js";
import { html } from "./template.js";

/** Provider details whose value is a credential: shown as present, never written into a page. */
const SECRET_DETAIL = /secret|private|password/i;

export function identityProvidersPage(frame: Frame, view: { poolId: string; providers: ProviderDescription[]; nextToken?: string }): string {
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/identity-providers`;
  return consolePage(
    frame,
    html`<h1>Identity providers</h1>
<section>
<p class="muted">Providers users may sign in with through managed login (SAML, OpenID Connect, social). Create them with CreateIdentityProvider.</p>
${table(
  "Identity providers of this pool, up to 60 a page",
  ["Provider", "Type", "Created", "Last modified"],
  view.providers.map((provider) => [
    html`<a href="${base}/${encodeURIComponent(provider.ProviderName ?? "")}">${provider.ProviderName}</a>`,
    provider.ProviderType ?? "",
    when(provider.CreationDate),
    when(provider.LastModifiedDate),
  ]),
  "No identity provider: users sign in with the pool's own accounts.",
)}
${pager(base, {}, view.nextToken)}
</section>`,
  );
}

export function identityProviderPage(frame: Frame, view: { poolId: string; provider: IdentityProviderType }): string {
  const { provider } = view;
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/identity-providers/${encodeURIComponent(provider.ProviderName ?? "")}`;
  const details = Object.entries(provider.ProviderDetails ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return consolePage(
    frame,
    html`<h1>Identity provider ${provider.ProviderName}</h1>
<section>
<h2>Summary</h2>
${facts([
  ["Type", provider.ProviderType ?? ""],
  ["Identifiers", (provider.IdpIdentifiers ?? []).join(", ") || "none"],
  ["Created", when(provider.CreationDate)],
  ["Last modified", when(provider.LastModifiedDate)],
])}
</section>
<section>
<h2>Provider details</h2>
${table(
  "The provider's settings",
  ["Name", "Value"],
  details.map(([name, value]) => [html`<code>${name}</code>`, SECRET_DETAIL.test(name) ? "(set, hidden)" : html`<span class="mono">${value}</span>`]),
  "No details.",
)}
</section>
<section>
<h2>Attribute mapping</h2>
${table(
  "Pool attributes filled from the provider's claims",
  ["Pool attribute", "Provider attribute"],
  Object.entries(provider.AttributeMapping ?? {}).map(([pool, theirs]) => [pool, theirs]),
  "No mapping.",
)}
</section>
<section>
<h2 id="delete">Delete identity provider</h2>
${form(
  `${base}/delete`,
  frame.csrf,
  html`${checkbox(`Yes, delete ${provider.ProviderName ?? ""}: its users can no longer sign in through it`, "confirm", false, { required: true, id: "confirm-delete" })}
<button class="danger" type="submit">Delete identity provider</button>`,
)}
</section>`,
  );
}

export function domainPage(frame: Frame, view: { poolId: string; region: string; domain?: DomainDescriptionType }): string {
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/domain`;
  const { domain } = view;
  const custom = domain?.CustomDomainConfig !== undefined;
  return consolePage(
    frame,
    html`<h1>Domain</h1>
<section>
${
  domain === undefined
    ? html`<p>This pool has no domain. Managed login and the OAuth endpoints answer on Cognate's own URL anyway; a domain gives the pool its own host name, as Cognito does.</p>
<h2>Create a prefix domain</h2>
${form(
  base,
  frame.csrf,
  html`${field("Domain prefix", "prefix", { required: true, autocomplete: "off", hint: `Lowercase letters, numbers and hyphens: the host becomes <prefix>.auth.${view.region}.amazoncognito.com` })}
${select("Sign-in pages", "managedLoginVersion", [["2", "Managed login (version 2)"], ["1", "Classic hosted UI (version 1)"]], "2")}
<button type="submit">Create domain</button>`,
)}`
    : facts([
        ["Domain", html`<code>${domain.Domain}</code>`],
        ["Host name", html`<code>${custom ? domain.Domain : `${domain.Domain}.auth.${view.region}.amazoncognito.com`}</code>`],
        ["Kind", custom ? "custom domain" : "prefix domain"],
        ["Status", domain.Status ?? ""],
        ["Sign-in pages", domain.ManagedLoginVersion === 1 ? "Classic hosted UI (version 1)" : "Managed login (version 2)"],
        ["Certificate", domain.CustomDomainConfig?.CertificateArn ?? ""],
        ["CloudFront distribution", custom ? (domain.CloudFrontDistribution ?? "") : ""],
      ])
}
</section>`,
  );
}

export function resourceServersPage(frame: Frame, view: { poolId: string; servers: ResourceServerType[]; nextToken?: string }): string {
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/resource-servers`;
  return consolePage(
    frame,
    html`<h1>Resource servers</h1>
<section>
<p class="muted">APIs whose custom scopes (<code>&lt;identifier&gt;/&lt;scope&gt;</code>) app clients may ask for in access tokens.</p>
${table(
  "Resource servers of this pool, up to 50 a page",
  ["Identifier", "Name", "Scopes"],
  view.servers.map((server) => [
    html`<code>${server.Identifier}</code>`,
    server.Name ?? "",
    (server.Scopes ?? []).map((scope) => html`<code>${server.Identifier}/${scope.ScopeName}</code> ${scope.ScopeDescription}<br>`),
  ]),
  "No resource server.",
)}
${pager(base, {}, view.nextToken)}
</section>`,
  );
}

/** The triggers LambdaConfig names by a bare function ARN, with what Cognito calls them for. */
export const ARN_TRIGGERS = [
  ["PreSignUp", "Pre sign-up"],
  ["CustomMessage", "Custom message"],
  ["PostConfirmation", "Post confirmation"],
  ["PreAuthentication", "Pre authentication"],
  ["PostAuthentication", "Post authentication"],
  ["DefineAuthChallenge", "Define auth challenge"],
  ["CreateAuthChallenge", "Create auth challenge"],
  ["VerifyAuthChallengeResponse", "Verify auth challenge response"],
  ["UserMigration", "User migration"],
] as const;

export interface InvocationEntry {
  startedAt: Date;
  triggerSource: string;
  functionArn: string;
  outcome: string;
  durationMs: number;
  error?: string;
}

export function triggersPage(frame: Frame, view: { poolId: string; lambda: LambdaConfigType; invocations?: InvocationEntry[] }): string {
  const { lambda } = view;
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/triggers`;
  const preToken = lambda.PreTokenGenerationConfig;
  const senders = [
    ["Custom email sender", lambda.CustomEmailSender?.LambdaArn],
    ["Custom SMS sender", lambda.CustomSMSSender?.LambdaArn],
    ["KMS key of the senders", lambda.KMSKeyID],
    ["Inbound federation", lambda.InboundFederation?.LambdaArn],
  ] as const;
  return consolePage(
    frame,
    html`<h1>Lambda triggers</h1>
<section>
<h2>Functions</h2>
<p class="muted">A function's ARN per trigger; leave a field empty for no function. Cognate runs them as set with --functions or --lambda-endpoint.</p>
${form(
  base,
  frame.csrf,
  html`${ARN_TRIGGERS.map(([name, label]) => field(label, name, { value: lambda[name] ?? "", autocomplete: "off" }))}
<fieldset><legend>Pre token generation</legend>
${field("Function ARN", "preTokenGenerationArn", { value: preToken?.LambdaArn ?? lambda.PreTokenGeneration ?? "", autocomplete: "off" })}
${select("Event version", "preTokenGenerationVersion", [["V1_0", "V1_0 (ID token)"], ["V2_0", "V2_0 (ID and access tokens)"], ["V3_0", "V3_0 (also client credentials)"]], preToken?.LambdaVersion ?? "V1_0")}
</fieldset>
<button type="submit">Save triggers</button>`,
)}
${
  senders.some(([, value]) => value !== undefined)
    ? html`<h3>Kept as they are</h3>${facts(senders.map(([label, value]) => [label, value === undefined ? "" : html`<code>${value}</code>`]))}`
    : ""
}
</section>
${
  view.invocations === undefined
    ? ""
    : html`<section>
<h2 id="invocations">Recent invocations</h2>
${table(
  "This instance's latest trigger calls for the pool, newest first (dev mode)",
  ["Started", "Trigger source", "Function", "Outcome", "Duration"],
  view.invocations.map((invocation) => [
    when(invocation.startedAt),
    invocation.triggerSource,
    html`<code>${invocation.functionArn}</code>`,
    invocation.outcome === "answered" ? "Answered" : `${invocation.outcome === "threw" ? "Threw" : "Unavailable"}: ${invocation.error ?? ""}`,
    `${invocation.durationMs} ms`,
  ]),
  "No invocation yet.",
)}
</section>`
}`,
  );
}
