import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  CHALLENGE_PATHS,
  SELF_SERVICE_PATHS,
  type App,
  type FormFields,
  type PageAnswer,
  type PageChallenge,
  type PageRequest,
  type RequestOrigin,
  type SelfServicePage,
} from "../../app.js";
import { oauthInvalidRequest } from "../../errors/catalogue.js";
import { OAuthError } from "../../errors/oauthError.js";
import {
  codePage,
  confirmForgotPasswordPage,
  confirmSignUpPage,
  errorPage,
  forgotPasswordPage,
  loginPage,
  messagePage,
  mfaPage,
  mfaSetupPage,
  newPasswordPage,
  PASSKEY_SCRIPT,
  passkeyPage,
  selectChallengePage,
  selectMfaTypePage,
  standInPage,
  signUpPage,
} from "../../web/pages.js";
import { formFields } from "./form.js";
import { sendOAuthError } from "./token.js";

/** GET /oauth2/authorize, GET /oauth2/idpresponse, POST /saml2/idpresponse and /saml2/logout, the login, challenge and self-service pages, GET and POST /oauth2/userInfo, revoke and logout. */
export function registerManagedLogin(server: FastifyInstance, app: App): void {
  // Every page is served as on the request's Host: on a pool's domain, only that pool's clients exist.
  const at = async (request: FastifyRequest) => app.oauthAt(request.headers.host);

  server.get("/oauth2/authorize", async (request, reply) => sendPage(app, reply, await (await at(request)).authorize(pageRequest(request))));

  server.get("/oauth2/idpresponse", async (request, reply) => sendPage(app, reply, await (await at(request)).idpResponse(pageRequest(request))));
  // Sign in with Apple answers with a form post when it was asked for the name or email.
  server.post("/oauth2/idpresponse", async (request, reply) => sendPage(app, reply, await (await at(request)).idpResponse(pageRequest(request))));

  // The dev-mode stand-in of a social provider (docs/behaviour.md#the-social-provider-stand-in); the app refuses it in secure mode.
  server.get<{ Params: { provider: string } }>("/_cognate/federation/:provider", async (request, reply) =>
    sendPage(app, reply, await (await at(request)).standInPage(request.params.provider, pageRequest(request))),
  );
  server.post<{ Params: { provider: string } }>("/_cognate/federation/:provider", async (request, reply) =>
    sendPage(app, reply, await (await at(request)).standInSubmit(request.params.provider, pageRequest(request))),
  );

  server.post("/saml2/idpresponse", async (request, reply) => sendPage(app, reply, await (await at(request)).samlResponse(pageRequest(request))));

  server.post("/saml2/logout", async (request, reply) => sendPage(app, reply, await (await at(request)).samlLogout(pageRequest(request))));

  server.get("/login", async (request, reply) => sendPage(app, reply, await (await at(request)).loginPage(pageRequest(request))));

  server.post("/login", async (request, reply) => sendPage(app, reply, await (await at(request)).loginSubmit(pageRequest(request))));

  for (const [challenge, path] of Object.entries(CHALLENGE_PATHS) as Array<[PageChallenge, string]>) {
    server.get(path, async (request, reply) => sendPage(app, reply, await (await at(request)).challengePage(challenge, pageRequest(request))));
    server.post(path, async (request, reply) => sendPage(app, reply, await (await at(request)).challengeSubmit(challenge, pageRequest(request))));
  }

  for (const [page, path] of Object.entries(SELF_SERVICE_PATHS) as Array<[SelfServicePage, string]>) {
    server.get(path, async (request, reply) => sendPage(app, reply, await (await at(request)).selfServicePage(page, pageRequest(request))));
    server.post(path, async (request, reply) => sendPage(app, reply, await (await at(request)).selfServiceSubmit(page, pageRequest(request))));
  }

  const userInfo = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header("cache-control", "no-store");
    try {
      return reply.send(await (await app.oauthAt(request.headers.host)).userInfo({ authorization: request.headers.authorization, requestId: request.id }));
    } catch (error) {
      if (error instanceof OAuthError && error.type === "invalid_token") {
        reply.header("www-authenticate", 'Bearer error="invalid_token", error_description="Access token is missing, invalid or expired"');
      }
      return sendOAuthError(reply, error);
    }
  };
  server.get("/oauth2/userInfo", userInfo);
  server.post("/oauth2/userInfo", userInfo);

  server.post("/oauth2/revoke", async (request, reply) => {
    reply.header("cache-control", "no-store");
    try {
      const form = formFields(request);
      if (form === undefined) throw oauthInvalidRequest("the body must be application/x-www-form-urlencoded");
      await (await app.oauthAt(request.headers.host)).revoke({ form, authorization: request.headers.authorization, requestId: request.id, sourceIp: request.ip });
      return reply.code(200).send();
    } catch (error) {
      return sendOAuthError(reply, error);
    }
  });

  // The classic hosted UI's logo, at the address GetUICustomization gives; public, as Cognito's is.
  server.get<{ Params: { poolId: string; clientId: string; version: string } }>("/ui-assets/:poolId/:clientId/:version/logo", async (request, reply) => {
    const logo = await app.uiLogo(request.params.poolId, request.params.clientId, request.params.version);
    if (logo === undefined) return reply.code(404).header("content-type", "text/plain").send("Not found");
    return reply.header("content-type", logo.contentType).header("cache-control", "public, max-age=31536000, immutable").header("x-content-type-options", "nosniff").send(logo.bytes);
  });

  // A managed login style's images (logo, page background), public as Cognito's are; an SVG is never run as a page.
  server.get<{ Params: { poolId: string; brandingId: string; version: string; category: string; colorMode: string } }>(
    "/managed-login-assets/:poolId/:brandingId/:version/:category/:colorMode",
    async (request, reply) => {
      const asset = await app.managedLoginAsset(request.params);
      if (asset === undefined) return reply.code(404).header("content-type", "text/plain").send("Not found");
      return reply
        .header("content-type", asset.contentType)
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .send(asset.bytes);
    },
  );

  // Signing out ends the managed-login session and the form's binding: the app clears their cookies.
  server.get("/logout", async (request, reply) => sendPage(app, reply, await (await at(request)).logout(pageRequest(request))));
}

/**
 * Writes a page answer: HTML that no cache keeps and no frame shows, or a redirect; with its cookies, all
 * HttpOnly and SameSite=Lax (sent on the top-level navigation back from the client), Secure under https.
 */
function sendPage(app: App, reply: FastifyReply, answer: PageAnswer): FastifyReply {
  // The passkey page alone runs a script: that one, by its hash.
  const script = answer.kind === "form" && answer.form.page === "passkey" ? `; script-src '${PASSKEY_SCRIPT_HASH}'` : "";
  reply
    .header("cache-control", "no-store")
    .header("x-frame-options", "DENY")
    .header("content-security-policy", `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'${script}`);
  const secure = app.publicUrl().startsWith("https:") ? "; Secure" : "";
  const cookies = (answer.cookies ?? []).map(
    (cookie) => `${cookie.name}=${cookie.value}; Path=/; HttpOnly; SameSite=Lax${secure}${cookie.maxAgeSeconds === undefined ? "" : `; Max-Age=${cookie.maxAgeSeconds}`}`,
  );
  if (cookies.length > 0) reply.header("set-cookie", cookies);
  switch (answer.kind) {
    case "redirect":
      return reply.code(302).header("location", answer.location).send();
    case "form":
      return html(reply.code(answer.status), formHtml(answer));
    case "error":
      return html(reply.code(answer.status), errorPage(answer.reason));
    case "message":
      return html(reply.code(answer.status), messagePage(answer.title, answer.text));
  }
}

const PASSKEY_SCRIPT_HASH = `sha256-${createHash("sha256").update(PASSKEY_SCRIPT, "utf8").digest("base64")}`;

function formHtml(answer: Extract<PageAnswer, { kind: "form" }>): string {
  const view = {
    action: answer.action,
    csrf: answer.csrf,
    ...(answer.error === undefined ? {} : { error: answer.error }),
    ...(answer.branding?.css === undefined ? {} : { customCss: answer.branding.css }),
    ...(answer.branding?.logoUrl === undefined ? {} : { logoUrl: answer.branding.logoUrl }),
  };
  const { form } = answer;
  switch (form.page) {
    case "login":
      return loginPage({
        ...view,
        links: form.links,
        ...(form.providers === undefined ? {} : { providers: form.providers }),
        otherOptions: form.otherOptions,
        ...(form.username === undefined ? {} : { username: form.username }),
      });
    case "signUp":
      return signUpPage({ ...view, usernameField: form.usernameField, requiredAttributes: form.requiredAttributes, values: form.values });
    case "confirmSignUp":
      return confirmSignUpPage({ ...view, username: form.username, ...(form.notice === undefined ? {} : { notice: form.notice }) });
    case "forgotPassword":
      return forgotPasswordPage({ ...view, username: form.username });
    case "confirmForgotPassword":
      return confirmForgotPasswordPage({ ...view, username: form.username, ...(form.notice === undefined ? {} : { notice: form.notice }) });
    case "newPassword":
      return newPasswordPage({ ...view, requiredAttributes: form.requiredAttributes });
    case "mfa":
      return mfaPage(view);
    case "mfaSetup":
      return mfaSetupPage({ ...view, secret: form.secret, uri: form.uri });
    case "federationStandIn":
      return standInPage({ ...view, provider: form.provider, values: { subject: form.subject, email: form.email, name: form.name } });
    case "code":
      return codePage({ ...view, challenge: form.challenge, destination: form.destination });
    case "selectMfaType":
      return selectMfaTypePage({ ...view, choices: form.choices });
    case "selectChallenge":
      return selectChallengePage({ ...view, choices: form.choices });
    case "passkey":
      return passkeyPage({ ...view, options: form.options, otherWays: `/login?${answer.action.slice(answer.action.indexOf("?") + 1)}` });
  }
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.header("content-type", "text/html; charset=utf-8").send(body);
}

/** What the app needs of a page request: the query (parsed and as sent), the cookies, a POST's form, who sent it. */
function pageRequest(request: FastifyRequest): PageRequest & RequestOrigin {
  const form = request.method === "POST" ? (formFields(request) ?? {}) : undefined;
  return { ...queryOf(request), cookies: cookies(request), ...(form === undefined ? {} : { form }), requestId: request.id, sourceIp: request.ip };
}

/** The query's fields as a form's, and the query string exactly as sent. */
function queryOf(request: FastifyRequest): { query: FormFields; rawQuery: string } {
  const url = request.raw.url ?? "";
  const rawQuery = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  const query: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) (query[name] ??= []).push(value);
  return { query, rawQuery };
}

/** The request's cookies by name (the first of a repeated name). */
function cookies(request: FastifyRequest): Record<string, string> {
  const found: Record<string, string> = Object.create(null);
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key !== undefined && key !== "" && !Object.hasOwn(found, key)) found[key] = value.join("=");
  }
  return found;
}
