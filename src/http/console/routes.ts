import type { AttributeType, UpdateUserPoolClientRequest, UserPoolClientType } from "@aws-sdk/client-cognito-identity-provider";
import type { FastifyInstance } from "fastify";
import type { App } from "../../app.js";
import {
  auditPage,
  clientPage,
  clientsPage,
  clockPage,
  FILTER_ATTRIBUTES,
  groupPage,
  groupsPage,
  outboxPage,
  poolPage,
  poolsPage,
  signInPage,
  userPage,
  usersPage,
  type UserSearch,
} from "../../web/console/index.js";
import { ConsoleRouter, CSRF_COOKIE, cookie, cookieHeader, describeError, send, SESSION_COOKIE, type ConsoleCall, type Form, type Notice } from "./plumbing.js";
import { formFields } from "../oauth2/form.js";
import { sendError } from "../awsJsonRoute.js";
import { noRoute } from "../../errors/catalogue.js";
import { registerPoolSettings } from "./poolRoutes.js";
import { checked, describedPool, refusable, integer, one, PAGE, POOL, poolPath, reshow, updatePool, userPath, words } from "./forms.js";

const AUDIT_PAGE = 50;
const OUTBOX_LATEST = 100;

const USER = `${POOL}/users/:username`;
const CLIENT = `${POOL}/clients/:clientId`;
const GROUP = `${POOL}/groups/:groupName`;

/** The admin console (docs/behaviour.md, "The admin console"): every change is an operation through `app.invoke`. */
export function registerConsole(server: FastifyInstance, app: App): void {
  // A browser opening Cognate's address lands in the console; other GETs of / keep the AWS answer they always
  // had, and POST / stays the API.
  server.get("/", async (request, reply) => {
    if ((request.headers.accept ?? "").includes("text/html")) return reply.code(302).header("location", "/console").send();
    sendError(request, reply, noRoute("GET", "/"), undefined, process.hrtime.bigint());
    return reply;
  });

  const router = new ConsoleRouter(server, app);
  registerSignIn(server, app, router);

  router.page("/console", async (call, _params, query) => {
    const listed = await call.call("ListUserPools", { MaxResults: PAGE, ...(query.next ? { NextToken: query.next } : {}) });
    return poolsPage(call.frame("User pools", { current: "pools" }), { pools: listed.UserPools ?? [], ...(listed.NextToken ? { nextToken: listed.NextToken } : {}) });
  });
  router.action("/console/pools", "/console", async (call, _params, form) => {
    const signInWith = one(form, "signInWith");
    const created = await call.call("CreateUserPool", {
      PoolName: one(form, "poolName"),
      ...(signInWith === "email" ? { UsernameAttributes: ["email"], AutoVerifiedAttributes: ["email"] } : {}),
      ...(signInWith === "username-or-email" ? { AliasAttributes: ["email"], AutoVerifiedAttributes: ["email"] } : {}),
    });
    return { redirect: poolPath(created.UserPool?.Id ?? ""), notice: "created" };
  });

  router.page(POOL, async (call, { poolId }) => {
    const { pool, frame } = await describedPool(call, poolId!, "pool");
    const [mfa, servers, discovery] = await Promise.all([
      call.call("GetUserPoolMfaConfig", { UserPoolId: pool.Id }),
      call.call("ListResourceServers", { UserPoolId: pool.Id, MaxResults: 50 }),
      call.app.openIdConfiguration(pool.Id) as Promise<{ issuer: string; jwks_uri: string; token_endpoint: string }>,
    ]);
    return poolPage(frame, {
      pool,
      mfa,
      resourceServers: servers.ResourceServers ?? [],
      endpoints: {
        issuer: discovery.issuer,
        jwks: discovery.jwks_uri,
        token: discovery.token_endpoint,
        openIdConfiguration: `${call.app.publicUrl()}/${pool.Id}/.well-known/openid-configuration`,
      },
    });
  });
  router.action(`${POOL}/password-policy`, POOL, async (call, { poolId }, form) => {
    await updatePool(call, poolId!, (pool) => ({
      Policies: {
        ...pool.Policies,
        PasswordPolicy: {
          ...pool.Policies?.PasswordPolicy,
          MinimumLength: integer(form, "minimumLength"),
          RequireLowercase: checked(form, "requireLowercase"),
          RequireUppercase: checked(form, "requireUppercase"),
          RequireNumbers: checked(form, "requireNumbers"),
          RequireSymbols: checked(form, "requireSymbols"),
          TemporaryPasswordValidityDays: integer(form, "temporaryPasswordValidityDays"),
        },
      },
    }));
    return { redirect: poolPath(poolId!), notice: "saved" };
  });
  router.action(`${POOL}/mfa`, POOL, async (call, { poolId }, form) => {
    const current = await call.call("GetUserPoolMfaConfig", { UserPoolId: poolId! });
    await call.call("SetUserPoolMfaConfig", {
      UserPoolId: poolId!,
      MfaConfiguration: one(form, "mfaConfiguration") as "OFF" | "ON" | "OPTIONAL",
      SoftwareTokenMfaConfiguration: { Enabled: checked(form, "softwareToken") },
      ...(current.SmsMfaConfiguration === undefined ? {} : { SmsMfaConfiguration: current.SmsMfaConfiguration }),
      ...(checked(form, "email") ? { EmailMfaConfiguration: current.EmailMfaConfiguration ?? {} } : {}),
    });
    return { redirect: poolPath(poolId!), notice: "saved" };
  });
  router.action(`${POOL}/options`, POOL, async (call, { poolId }, form) => {
    await updatePool(call, poolId!, (pool) => ({
      DeletionProtection: checked(form, "deletionProtection") ? "ACTIVE" : "INACTIVE",
      AdminCreateUserConfig: { ...pool.AdminCreateUserConfig, AllowAdminCreateUserOnly: !checked(form, "selfSignUp") },
    }));
    return { redirect: poolPath(poolId!), notice: "saved" };
  });
  router.action(`${POOL}/delete`, POOL, async (call, { poolId }, form) => {
    const { pool } = await describedPool(call, poolId!, "pool");
    if (one(form, "confirmName") !== pool.Name) {
      return { page: await reshow(call, POOL, router, { poolId: poolId! }, "The name typed does not match the pool's name: nothing was deleted.") };
    }
    await call.call("DeleteUserPool", { UserPoolId: pool.Id });
    return { redirect: "/console", notice: "deleted" };
  });

  router.page(`${POOL}/users`, async (call, { poolId }, query) => {
    const { pool, frame } = await describedPool(call, poolId!, "users", "Users");
    const search: UserSearch = {
      attribute: (FILTER_ATTRIBUTES as readonly string[]).includes(query.attribute ?? "") ? query.attribute! : "username",
      operator: query.operator === "=" ? "=" : "^=",
      value: query.value ?? "",
    };
    const listed = await call.call("ListUsers", {
      UserPoolId: pool.Id,
      Limit: PAGE,
      ...(search.value === "" ? {} : { Filter: `${search.attribute} ${search.operator} "${search.value.replace(/["\\]/g, "\\$&")}"` }),
      ...(query.next ? { PaginationToken: query.next } : {}),
    });
    return usersPage(frame, { poolId: pool.Id, search, users: listed.Users ?? [], ...(listed.PaginationToken ? { nextToken: listed.PaginationToken } : {}) });
  });
  router.action(`${POOL}/users`, `${POOL}/users`, async (call, { poolId }, form) => {
    const email = one(form, "email");
    const attributes: AttributeType[] =
      email === "" ? [] : [{ Name: "email", Value: email }, ...(checked(form, "emailVerified") ? [{ Name: "email_verified", Value: "true" }] : [])];
    const temporaryPassword = one(form, "temporaryPassword");
    const created = await call.call("AdminCreateUser", {
      UserPoolId: poolId!,
      Username: one(form, "username"),
      UserAttributes: attributes,
      ...(temporaryPassword === "" ? {} : { TemporaryPassword: temporaryPassword }),
      ...(checked(form, "sendInvitation") ? (email === "" ? {} : { DesiredDeliveryMediums: ["EMAIL"] }) : { MessageAction: "SUPPRESS" }),
    });
    return { redirect: userPath(poolId!, created.User?.Username ?? one(form, "username")), notice: "created" };
  });

  router.page(USER, async (call, { poolId, username }, query) => {
    const { pool, frame } = await describedPool(call, poolId!, "users", `User ${username}`);
    const named = { UserPoolId: pool.Id, Username: username! };
    const [user, groups, poolGroups, factors, devices] = await Promise.all([
      call.call("AdminGetUser", named),
      call.call("AdminListGroupsForUser", { ...named, Limit: PAGE }),
      call.call("ListGroups", { UserPoolId: pool.Id, Limit: PAGE }),
      refusable(call.call("AdminGetUserAuthFactors", named)),
      refusable(
        call
          .call("AdminListDevices", { ...named, Limit: PAGE, ...(query.devices ? { PaginationToken: query.devices } : {}) })
          .then((listed) => ({ devices: listed.Devices ?? [], ...(listed.PaginationToken ? { next: listed.PaginationToken } : {}) })),
      ),
    ]);
    return userPage(frame, { poolId: pool.Id, user, groups: groups.Groups ?? [], poolGroups: poolGroups.Groups ?? [], factors, devices });
  });
  const userAction = (path: string, act: (call: ConsoleCall, user: { UserPoolId: string; Username: string }, form: Form) => Promise<unknown>, notice: Notice) =>
    router.action(`${USER}/${path}`, USER, async (call, { poolId, username }, form) => {
      await act(call, { UserPoolId: poolId!, Username: username! }, form);
      return { redirect: userPath(poolId!, username!), notice };
    });
  userAction("password", (call, user, form) => call.call("AdminSetUserPassword", { ...user, Password: one(form, "password"), Permanent: one(form, "permanent") === "yes" }), "passwordSet");
  userAction("reset-password", (call, user) => call.call("AdminResetUserPassword", user), "passwordReset");
  userAction("enable", (call, user) => call.call("AdminEnableUser", user), "enabled");
  userAction("disable", (call, user) => call.call("AdminDisableUser", user), "disabled");
  userAction("sign-out", (call, user) => call.call("AdminUserGlobalSignOut", user), "signedOut");
  userAction("groups/add", (call, user, form) => call.call("AdminAddUserToGroup", { ...user, GroupName: one(form, "group") }), "groupsChanged");
  userAction("groups/remove", (call, user, form) => call.call("AdminRemoveUserFromGroup", { ...user, GroupName: one(form, "group") }), "groupsChanged");
  userAction(
    "mfa",
    (call, user, form) => {
      const enabled = new Set(form.enabled ?? []);
      const preferred = one(form, "preferred");
      const setting = (factor: string) => ({ Enabled: enabled.has(factor), PreferredMfa: preferred === factor });
      return call.call("AdminSetUserMFAPreference", {
        ...user,
        SMSMfaSettings: setting("SMS_MFA"),
        SoftwareTokenMfaSettings: setting("SOFTWARE_TOKEN_MFA"),
        EmailMfaSettings: setting("EMAIL_OTP"),
      });
    },
    "mfaSaved",
  );
  router.action(`${USER}/devices/forget`, USER, async (call, { poolId, username }, form) => {
    const back = { poolId: poolId!, username: username! };
    if (!checked(form, "confirm")) return { page: await reshow(call, USER, router, back, "Tick the confirmation to forget the device: nothing was forgotten.") };
    await call.call("AdminForgetDevice", { UserPoolId: poolId!, Username: username!, DeviceKey: one(form, "deviceKey") });
    return { redirect: userPath(poolId!, username!), notice: "deviceForgotten" };
  });
  router.action(`${USER}/delete`, USER, async (call, { poolId, username }, form) => {
    if (!checked(form, "confirm")) return { page: await reshow(call, USER, router, { poolId: poolId!, username: username! }, "Tick the confirmation to delete the user: nothing was deleted.") };
    await call.call("AdminDeleteUser", { UserPoolId: poolId!, Username: username! });
    return { redirect: `${poolPath(poolId!)}/users`, notice: "deleted" };
  });

  registerPoolSettings(router);

  router.page(`${POOL}/clients`, async (call, { poolId }, query) => {
    const { pool, frame } = await describedPool(call, poolId!, "clients", "App clients");
    const listed = await call.call("ListUserPoolClients", { UserPoolId: pool.Id, MaxResults: PAGE, ...(query.next ? { NextToken: query.next } : {}) });
    return clientsPage(frame, { poolId: pool.Id, clients: listed.UserPoolClients ?? [], ...(listed.NextToken ? { nextToken: listed.NextToken } : {}) });
  });
  router.action(`${POOL}/clients`, `${POOL}/clients`, async (call, { poolId }, form) => {
    const created = await call.call("CreateUserPoolClient", { UserPoolId: poolId!, ClientName: one(form, "clientName"), GenerateSecret: checked(form, "generateSecret") });
    return { redirect: `${poolPath(poolId!)}/clients/${encodeURIComponent(created.UserPoolClient?.ClientId ?? "")}`, notice: "created" };
  });
  const clientView = async (call: ConsoleCall, poolId: string, clientId: string) => {
    const { pool, frame } = await describedPool(call, poolId, "clients", "App client");
    const described = await call.call("DescribeUserPoolClient", { UserPoolId: pool.Id, ClientId: clientId });
    return { frame, poolId: pool.Id, client: described.UserPoolClient as UserPoolClientType & { ClientId: string } };
  };
  // The secret never reaches the page unless asked for, and then only in that one answer.
  router.page(CLIENT, async (call, { poolId, clientId }) => {
    const { frame, ...view } = await clientView(call, poolId!, clientId!);
    return clientPage(frame, view);
  });
  router.action(`${CLIENT}/secret`, CLIENT, async (call, { poolId, clientId }) => {
    const { frame, ...view } = await clientView(call, poolId!, clientId!);
    return { page: clientPage(frame, { ...view, ...(view.client.ClientSecret === undefined ? {} : { secret: view.client.ClientSecret }) }) };
  });
  router.action(`${CLIENT}/settings`, CLIENT, async (call, { poolId, clientId }, form) => {
    const { client } = await clientView(call, poolId!, clientId!);
    const oauthFlows = [["oauthCode", "code"], ["oauthImplicit", "implicit"], ["oauthClientCredentials", "client_credentials"]] as const;
    await call.call("UpdateUserPoolClient", {
      ...clientUpdateKeeping(client),
      UserPoolId: poolId!,
      ClientId: clientId!,
      ExplicitAuthFlows: [...(form.explicitAuthFlows ?? [])] as UpdateUserPoolClientRequest["ExplicitAuthFlows"],
      AllowedOAuthFlowsUserPoolClient: checked(form, "oauthEnabled"),
      AllowedOAuthFlows: oauthFlows.filter(([name]) => checked(form, name)).map(([, flow]) => flow),
      AllowedOAuthScopes: words(one(form, "scopes")),
      CallbackURLs: words(one(form, "callbackUrls")),
      LogoutURLs: words(one(form, "logoutUrls")),
    });
    return { redirect: `${poolPath(poolId!)}/clients/${encodeURIComponent(clientId!)}`, notice: "saved" };
  });
  router.action(`${CLIENT}/delete`, CLIENT, async (call, { poolId, clientId }, form) => {
    if (!checked(form, "confirm")) return { page: await reshow(call, CLIENT, router, { poolId: poolId!, clientId: clientId! }, "Tick the confirmation to delete the app client: nothing was deleted.") };
    await call.call("DeleteUserPoolClient", { UserPoolId: poolId!, ClientId: clientId! });
    return { redirect: `${poolPath(poolId!)}/clients`, notice: "deleted" };
  });

  router.page(`${POOL}/groups`, async (call, { poolId }, query) => {
    const { pool, frame } = await describedPool(call, poolId!, "groups", "Groups");
    const listed = await call.call("ListGroups", { UserPoolId: pool.Id, Limit: PAGE, ...(query.next ? { NextToken: query.next } : {}) });
    return groupsPage(frame, { poolId: pool.Id, groups: listed.Groups ?? [], ...(listed.NextToken ? { nextToken: listed.NextToken } : {}) });
  });
  router.action(`${POOL}/groups`, `${POOL}/groups`, async (call, { poolId }, form) => {
    const precedence = one(form, "precedence");
    const description = one(form, "description");
    await call.call("CreateGroup", {
      UserPoolId: poolId!,
      GroupName: one(form, "groupName"),
      ...(description === "" ? {} : { Description: description }),
      ...(precedence === "" ? {} : { Precedence: integer(form, "precedence") }),
    });
    return { redirect: `${poolPath(poolId!)}/groups/${encodeURIComponent(one(form, "groupName"))}`, notice: "created" };
  });
  router.page(GROUP, async (call, { poolId, groupName }, query) => {
    const { pool, frame } = await describedPool(call, poolId!, "groups", `Group ${groupName}`);
    const [group, members] = await Promise.all([
      call.call("GetGroup", { UserPoolId: pool.Id, GroupName: groupName! }),
      call.call("ListUsersInGroup", { UserPoolId: pool.Id, GroupName: groupName!, Limit: PAGE, ...(query.next ? { NextToken: query.next } : {}) }),
    ]);
    return groupPage(frame, { poolId: pool.Id, group: group.Group ?? {}, members: members.Users ?? [], ...(members.NextToken ? { nextToken: members.NextToken } : {}) });
  });
  router.action(`${GROUP}/delete`, GROUP, async (call, { poolId, groupName }, form) => {
    if (!checked(form, "confirm")) return { page: await reshow(call, GROUP, router, { poolId: poolId!, groupName: groupName! }, "Tick the confirmation to delete the group: nothing was deleted.") };
    await call.call("DeleteGroup", { UserPoolId: poolId!, GroupName: groupName! });
    return { redirect: `${poolPath(poolId!)}/groups`, notice: "deleted" };
  });

  router.page("/console/audit", async (call, _params, query) => {
    const filter = { poolId: query.poolId ?? "", username: query.username ?? "", actor: query.actor ?? "", operation: query.operation ?? "" };
    const page = await call.app.console.auditPage(call.ctx, {
      limit: AUDIT_PAGE,
      ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== "")),
      ...(/^\d{1,16}$/.test(query.next ?? "") ? { after: query.next! } : {}),
    });
    return auditPage(call.frame("Audit trail", { current: "audit" }), { filter, events: page.items, ...(page.nextAfter === undefined ? {} : { next: page.nextAfter }) });
  });

  if (app.mode === "dev" && app.controlApi) {
    router.page("/console/outbox", async (call, _params, query) => {
      const poolId = query.poolId ?? "";
      const messages = await call.app.console.outbox({ limit: OUTBOX_LATEST, ...(poolId === "" ? {} : { poolId }) });
      const pool = poolId === "" ? undefined : (await call.call("DescribeUserPool", { UserPoolId: poolId })).UserPool;
      const frame = call.frame("Outbox", { current: "outbox", ...(pool?.Id === undefined ? {} : { pool: { id: pool.Id, ...(pool.Name === undefined ? {} : { name: pool.Name }) } }) });
      return outboxPage(frame, { poolId, messages });
    });
    router.page("/console/clock", async (call) => {
      const state = await call.app.control.clock();
      return clockPage(call.frame("Clock", { current: "clock" }), { now: new Date(state.now * 1000), offsetSeconds: state.offsetSeconds });
    });
    router.action("/console/clock", "/console/clock", async (call, _params, form) => {
      const seconds = Number(one(form, "seconds"));
      if (!Number.isFinite(seconds) || seconds <= 0) return { page: await reshow(call, "/console/clock", router, {}, "Give a number of seconds greater than 0.") };
      await call.app.control.advanceClock(seconds);
      return { redirect: "/console/clock", notice: "clockAdvanced" };
    });
  }
}

/** Secure mode: the sign-in form, the session cookie, signing out. Dev mode has nobody to sign in. */
function registerSignIn(server: FastifyInstance, app: App, router: ConsoleRouter): void {
  server.get("/console/sign-in", async (request, reply) => {
    if (app.mode === "dev") return reply.code(303).header("location", "/console").send();
    return send(reply, signInPage({ csrf: router.csrfFor(request, reply) }));
  });
  server.post("/console/sign-in", async (request, reply) => {
    if (app.mode === "dev") return reply.code(303).header("location", "/console").send();
    const csrf = router.csrfFor(request, reply);
    const form = formFields(request) ?? {};
    if (!app.console.csrfMatches(cookie(request, CSRF_COOKIE), form._csrf?.[0])) {
      return send(reply.code(403), signInPage({ csrf, error: "This form has expired. Try again." }));
    }
    const accessKeyId = one(form, "accessKeyId").trim();
    let signedIn: Awaited<ReturnType<App["console"]["signIn"]>>;
    try {
      signedIn = await app.console.signIn(accessKeyId, one(form, "secretAccessKey"));
    } catch (error) {
      return send(reply.code(429), signInPage({ csrf, accessKeyId, error: describeError(error) }));
    }
    if (signedIn === undefined) {
      request.log.info({ console: "sign-in refused" }, "console sign-in refused");
      return send(reply.code(401), signInPage({ csrf, accessKeyId, error: "The access key id or the secret access key is not right." }));
    }
    reply.header("set-cookie", cookieHeader(app, SESSION_COOKIE, signedIn.session, app.console.sessionSeconds));
    return reply.code(303).header("location", "/console").send();
  });
  server.post("/console/sign-out", async (request, reply) => {
    const csrf = router.csrfFor(request, reply);
    if (!app.console.csrfMatches(cookie(request, CSRF_COOKIE), (formFields(request) ?? {})._csrf?.[0])) {
      return send(reply.code(403), signInPage({ csrf, error: "This form has expired. Try again." }));
    }
    reply.header("set-cookie", cookieHeader(app, SESSION_COOKIE, "", 0));
    return reply.code(303).header("location", app.mode === "dev" ? "/console" : "/console/sign-in").send();
  });
}

/** The settings of a described client that UpdateUserPoolClient would reset when not given. */
function clientUpdateKeeping(client: UserPoolClientType): Partial<UpdateUserPoolClientRequest> {
  const kept: Partial<UpdateUserPoolClientRequest> = {};
  const names = [
    "ClientName", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "TokenValidityUnits", "ReadAttributes",
    "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI",
    "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient", "AnalyticsConfiguration",
    "PreventUserExistenceErrors", "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData", "AuthSessionValidity",
    "RefreshTokenRotation",
  ] as const;
  for (const name of names) if (client[name] !== undefined) Object.assign(kept, { [name]: client[name] });
  return kept;
}
