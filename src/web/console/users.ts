import type { AdminGetUserAuthFactorsResponse, AdminGetUserResponse, DeviceType, GroupType, UserType } from "@aws-sdk/client-cognito-identity-provider";
import { checkbox, consolePage, facts, field, form, select, table, when, type Frame, type Refusable } from "./layout.js";
import { pager } from "./pools.js";
import { html } from "./template.js";

/** The attributes ListUsers can filter on, as Cognito documents them. */
export const FILTER_ATTRIBUTES = [
  "username",
  "email",
  "phone_number",
  "name",
  "given_name",
  "family_name",
  "preferred_username",
  "cognito:user_status",
  "status",
  "sub",
] as const;

export interface UserSearch {
  attribute: string;
  operator: "=" | "^=";
  value: string;
}

export function usersPage(frame: Frame, view: { poolId: string; search: UserSearch; users: UserType[]; nextToken?: string }): string {
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/users`;
  const attribute = (user: UserType, name: string) => user.Attributes?.find((entry) => entry.Name === name)?.Value ?? "";
  return consolePage(
    frame,
    html`<h1>Users</h1>
<section>
<h2>Find users</h2>
<form method="get" action="${base}" role="search">
<div class="row">
<div>${select("Attribute", "attribute", FILTER_ATTRIBUTES.map((name) => [name, name] as const), view.search.attribute)}</div>
<div>${select("Match", "operator", [["^=", "starts with"], ["=", "equals"]], view.search.operator)}</div>
<div>${field("Value", "value", { type: "text", value: view.search.value })}</div>
<button type="submit">Search</button>
</div>
</form>
${table(
  view.search.value === "" ? "Users, up to 60 a page" : `Users whose ${view.search.attribute} ${view.search.operator === "=" ? "is" : "starts with"} “${view.search.value}”`,
  ["Username", "Email", "Status", "Enabled", "Created"],
  view.users.map((user) => [
    html`<a href="${base}/${encodeURIComponent(user.Username ?? "")}">${user.Username}</a>`,
    attribute(user, "email"),
    user.UserStatus ?? "",
    user.Enabled === false ? "Disabled" : "Enabled",
    when(user.UserCreateDate),
  ]),
  "No user matches.",
)}
${pager(base, view.search.value === "" ? {} : { attribute: view.search.attribute, operator: view.search.operator, value: view.search.value }, view.nextToken)}
</section>
<section>
<h2>Create a user</h2>
${form(
  base,
  frame.csrf,
  html`<div class="row">
<div>${field("Username", "username", { required: true, autocomplete: "off" })}</div>
<div>${field("Email", "email", { type: "email", autocomplete: "off" })}</div>
<div>${field("Temporary password (empty: generated)", "temporaryPassword", { type: "password", autocomplete: "new-password" })}</div>
</div>
${checkbox("Mark the email address verified", "emailVerified", true)}
${checkbox("Send the invitation message", "sendInvitation", true)}
<button type="submit">Create user</button>`,
)}
</section>`,
  );
}

export interface UserView {
  poolId: string;
  user: AdminGetUserResponse;
  groups: GroupType[];
  /** Groups of the pool the user may be added to (the first page). */
  poolGroups: GroupType[];
  factors: Refusable<AdminGetUserAuthFactorsResponse>;
  /** One page of the user's remembered and tracked devices, and the token of the next. */
  devices: Refusable<{ devices: DeviceType[]; next?: string }>;
}

/** The second factors AdminSetUserMFAPreference turns on and off, as UserMFASettingList names them. */
export const MFA_FACTORS = [
  ["SMS_MFA", "Text message (SMS)"],
  ["SOFTWARE_TOKEN_MFA", "Authenticator app (TOTP)"],
  ["EMAIL_OTP", "Email message"],
] as const;

export function userPage(frame: Frame, view: UserView): string {
  const { user } = view;
  const username = user.Username ?? "";
  const base = `/console/pools/${encodeURIComponent(view.poolId)}/users/${encodeURIComponent(username)}`;
  const joinable = view.poolGroups.filter((group) => !view.groups.some((held) => held.GroupName === group.GroupName));
  return consolePage(
    frame,
    html`<h1>User ${username}</h1>
<section>
<h2>Summary</h2>
${facts([
  ["Username", username],
  ["Status", user.UserStatus ?? ""],
  ["Enabled", user.Enabled === false ? "No (disabled)" : "Yes"],
  ["Created", when(user.UserCreateDate)],
  ["Last modified", when(user.UserLastModifiedDate)],
])}
</section>
<section>
<h2>Attributes</h2>
${table("The user's attributes", ["Name", "Value"], (user.UserAttributes ?? []).map((attribute) => [attribute.Name ?? "", attribute.Value ?? ""]), "No attributes.")}
</section>
${devicesSection(view, base, frame.csrf)}
<div class="grid">
<section>
<h2 id="set-password">Set password</h2>
${form(
  `${base}/password`,
  frame.csrf,
  html`${field("New password", "password", { type: "password", required: true, autocomplete: "new-password" })}
<fieldset><legend>The password is</legend>
<label class="inline" for="permanent-no"><input type="radio" id="permanent-no" name="permanent" value="no" checked> Temporary: the user must choose a new one at sign-in</label>
<label class="inline" for="permanent-yes"><input type="radio" id="permanent-yes" name="permanent" value="yes"> Permanent</label>
</fieldset>
<button type="submit">Set password</button>`,
)}
</section>
<section>
<h2>Account</h2>
${form(`${base}/reset-password`, frame.csrf, html`<p>Send a reset code; the user must choose a new password at next sign-in.</p><button type="submit">Reset password</button>`)}
${form(
  `${base}/${user.Enabled === false ? "enable" : "disable"}`,
  frame.csrf,
  html`<button type="submit">${user.Enabled === false ? "Enable user" : "Disable user"}</button>`,
)}
${form(`${base}/sign-out`, frame.csrf, html`<button type="submit">Sign out everywhere</button>`)}
</section>
<section>
<h2>Groups</h2>
${table(
  "Groups the user belongs to",
  ["Group", ""],
  view.groups.map((group) => [
    group.GroupName ?? "",
    form(`${base}/groups/remove`, frame.csrf, html`<input type="hidden" name="group" value="${group.GroupName ?? ""}"><button type="submit" aria-label="Remove from ${group.GroupName ?? ""}">Remove</button>`),
  ]),
  "In no group.",
)}
${
  joinable.length === 0
    ? ""
    : form(
        `${base}/groups/add`,
        frame.csrf,
        html`${select("Add to group", "group", joinable.map((group) => [group.GroupName ?? "", group.GroupName ?? ""] as const), undefined, "add-group")}<button type="submit">Add</button>`,
      )
}
</section>
${mfaSection(view, base, frame.csrf)}
<section>
<h2 id="delete">Delete user</h2>
${form(
  `${base}/delete`,
  frame.csrf,
  html`${checkbox(`Yes, delete ${username} for good`, "confirm", false, { required: true, id: "confirm-delete" })}
<button class="danger" type="submit">Delete user</button>`,
)}
</section>
</div>`,
  );
}

function mfaSection(view: UserView, base: string, csrf: string) {
  if ("refused" in view.factors) return html`<section><h2 id="mfa">Multi-factor authentication</h2><p class="error">${view.factors.refused}</p></section>`;
  const factors = view.factors.answer;
  const on = new Set(factors.UserMFASettingList ?? []);
  const configured = factors.ConfiguredUserAuthFactors ?? [];
  return html`<section>
<h2 id="mfa">Multi-factor authentication</h2>
${facts([
  ["Preferred factor", factors.PreferredMfaSetting ?? "none"],
  ["Factors on", factors.UserMFASettingList?.join(", ") || "none"],
  ["Authenticator app", on.has("SOFTWARE_TOKEN_MFA") ? "verified and on" : "not set up"],
  ["Sign-in factors", configured.join(", ") || "none"],
  ["Passkeys", configured.includes("WEB_AUTHN") ? "registered" : "none"],
])}
<p class="muted">The user lists and deletes their own passkeys with their access token (ListWebAuthnCredentials); an administrator sees only whether they have one.</p>
${form(
  `${base}/mfa`,
  csrf,
  html`<fieldset><legend>Second factors on</legend>
${MFA_FACTORS.map(([factor, label]) => checkbox(label, "enabled", on.has(factor), { id: `mfa-${factor}`, value: factor }))}
</fieldset>
${select("Preferred factor", "preferred", [["", "None"], ...MFA_FACTORS], factors.PreferredMfaSetting ?? "")}
<button type="submit">Save MFA settings</button>`,
)}
</section>`;
}

function devicesSection(view: UserView, base: string, csrf: string) {
  if ("refused" in view.devices) return html`<section><h2 id="devices">Devices</h2><p class="error">${view.devices.refused}</p></section>`;
  const { devices, next } = view.devices.answer;
  const attribute = (device: DeviceType, name: string) => device.DeviceAttributes?.find((entry) => entry.Name === name)?.Value ?? "";
  const nameOf = (device: DeviceType) => attribute(device, "device_name") || (device.DeviceKey ?? "");
  return html`<section>
<h2 id="devices">Devices</h2>
${table(
  "Devices the user signed in from, up to 60 a page",
  ["Device", "Key", "Remembered", "Last sign-in", "Created"],
  devices.map((device) => [
    attribute(device, "device_name"),
    html`<code>${device.DeviceKey}</code>`,
    attribute(device, "dev:device_remembered_status") === "remembered" ? "Yes" : "No",
    when(device.DeviceLastAuthenticatedDate),
    when(device.DeviceCreateDate),
  ]),
  "No device.",
)}
${pager(base, {}, next, "devices")}
${
  devices.length === 0
    ? ""
    : form(
        `${base}/devices/forget`,
        csrf,
        html`${select("Device to forget", "deviceKey", devices.map((device) => [device.DeviceKey ?? "", nameOf(device)] as const), undefined, "forget-device")}
${checkbox("Yes, forget this device: its next sign-in asks for MFA again", "confirm", false, { required: true, id: "confirm-forget" })}
<button class="danger" type="submit">Forget device</button>`,
      )
}
</section>`;
}
