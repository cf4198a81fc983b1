import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App, FormFields, PageAnswer } from "../../app.js";
import { oauthInvalidRequest } from "../../errors/catalogue.js";
import { OAuthError } from "../../errors/oauthError.js";
import { errorPage, loginPage, messagePage } from "../../web/pages.js";
import { formFields } from "./form.js";
import { sendOAuthError } from "./token.js";

/** The cookie binding a sign-in form to its browser; Cognito's hosted UI uses the same name. */
const CSRF_COOKIE = "XSRF-TOKEN";

/** GET /oauth2/authorize, GET /oauth2/idpresponse, GET and POST /login, GET and POST /oauth2/userInfo. */
export function registerManagedLogin(server: FastifyInstance, app: App): void {
  server.get("/oauth2/authorize", async (request, reply) => sendPage(app, reply, await app.oauth.authorize(queryOf(request))));

  server.get("/oauth2/idpresponse", async (request, reply) =>
    sendPage(app, reply, await app.oauth.idpResponse({ query: queryOf(request).query, requestId: request.id })),
  );

  server.get("/login", async (request, reply) => sendPage(app, reply, await app.oauth.loginPage(queryOf(request))));

  server.post("/login", async (request, reply) => {
    const answer = await app.oauth.loginSubmit({
      ...queryOf(request),
      form: formFields(request) ?? {},
      csrfCookie: cookie(request, CSRF_COOKIE),
      requestId: request.id,
      sourceIp: request.ip,
    });
    return sendPage(app, reply, answer);
  });

  const userInfo = async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header("cache-control", "no-store");
    try {
      return reply.send(await app.oauth.userInfo({ authorization: request.headers.authorization, requestId: request.id }));
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
      await app.oauth.revoke({ form, authorization: request.headers.authorization, requestId: request.id });
      return reply.code(200).send();
    } catch (error) {
      return sendOAuthError(reply, error);
    }
  });

  // Signing out ends the form's binding too: the CSRF cookie is cleared.
  server.get("/logout", async (request, reply) => {
    reply.header("set-cookie", `${CSRF_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    return sendPage(app, reply, await app.oauth.logout(queryOf(request)));
  });
}

/** Writes a page answer: HTML that no cache keeps and no frame shows, or a redirect. */
function sendPage(app: App, reply: FastifyReply, answer: PageAnswer): FastifyReply {
  reply.header("cache-control", "no-store").header("x-frame-options", "DENY").header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  switch (answer.kind) {
    case "redirect":
      return reply.code(302).header("location", answer.location).send();
    case "login": {
      const secure = app.publicUrl().startsWith("https:") ? "; Secure" : "";
      reply.header("set-cookie", `${CSRF_COOKIE}=${answer.csrf}; Path=/; HttpOnly; SameSite=Lax${secure}`);
      const view = {
        action: answer.action,
        csrf: answer.csrf,
        ...(answer.error === undefined ? {} : { error: answer.error }),
        ...(answer.username === undefined ? {} : { username: answer.username }),
        ...(answer.providers === undefined ? {} : { providers: answer.providers }),
      };
      return html(reply.code(answer.status), loginPage(view));
    }
    case "error":
      return html(reply.code(answer.status), errorPage(answer.reason));
    case "message":
      return html(reply.code(answer.status), messagePage(answer.title, answer.text));
  }
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.header("content-type", "text/html; charset=utf-8").send(body);
}

/** The query's fields as a form's, and the query string exactly as sent. */
function queryOf(request: FastifyRequest): { query: FormFields; rawQuery: string } {
  const url = request.raw.url ?? "";
  const rawQuery = url.includes("?") ? url.slice(url.indexOf("?") + 1) : "";
  const query: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(rawQuery)) (query[name] ??= []).push(value);
  return { query, rawQuery };
}

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}
