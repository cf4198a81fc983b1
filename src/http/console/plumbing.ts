import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { App, RequestContext } from "../../app.js";
import { CognitoError } from "../../errors/cognitoError.js";
import { FrameworkError } from "../../errors/frameworkError.js";
import type { OperationName, OperationTypes } from "../../model/operations.gen.js";
import type { Frame } from "../../web/console/layout.js";
import { messageOnlyPage, signInPage } from "../../web/console/index.js";
import { formFields } from "../oauth2/form.js";

/** Binds every console form to its browser (double submit; SameSite=Strict keeps it from other sites). */
export const CSRF_COOKIE = "cognate-console-csrf";
/** Secure mode: the signed-in credential's session. */
export const SESSION_COOKIE = "cognate-console-session";

export type Params = Record<string, string>;
export type Query = Record<string, string>;
export type Form = Readonly<Record<string, readonly string[]>>;

/** One console request: who asks (its context), its CSRF token, and a typed way to call operations. */
export interface ConsoleCall {
  app: App;
  ctx: RequestContext;
  csrf: string;
  notice?: string;
  error?: string;
  frame(title: string, extra?: Partial<Frame>): Frame;
  call<N extends OperationName>(operation: N, input: OperationTypes[N]["input"]): Promise<OperationTypes[N]["output"]>;
}

export type Loader = (call: ConsoleCall, params: Params, query: Query) => Promise<string>;
/** An action's outcome: where to go next with which notice, or a page to show now (a secret shown once). */
export type Outcome = { redirect: string; notice?: string } | { page: string };
export type Action = (call: ConsoleCall, params: Params, form: Form) => Promise<Outcome>;

/** What an action's redirect may announce: fixed texts, so nothing from the request travels in a URL. */
export const NOTICES = {
  created: "Created.",
  saved: "Saved.",
  deleted: "Deleted.",
  passwordSet: "The password was set.",
  passwordReset: "The password was reset: the user must choose a new one with the code they were sent.",
  enabled: "The user was enabled.",
  disabled: "The user was disabled.",
  signedOut: "The user was signed out of every device.",
  groupsChanged: "The user's groups were changed.",
  mfaSaved: "The user's MFA settings were saved.",
  deviceForgotten: "The device was forgotten.",
  clockAdvanced: "The clock was moved forward.",
} as const;
export type Notice = keyof typeof NOTICES;

/**
 * The console's routes share this plumbing: loopback only in dev mode, a session in secure mode, the CSRF
 * cookie on every page and its check on every form, errors shown in Cognito's words on the page they came from.
 */
export class ConsoleRouter {
  private readonly loaders = new Map<string, Loader>();

  constructor(
    private readonly server: FastifyInstance,
    private readonly app: App,
  ) {}

  page(path: string, loader: Loader): void {
    this.loaders.set(path, loader);
    this.server.get(path, async (request, reply) => {
      const call = await this.open(request, reply);
      if (call === undefined) return reply;
      const query = queryOf(request);
      const notice = NOTICES[query.notice as Notice] as string | undefined;
      if (notice !== undefined) call.notice = notice;
      return this.render(reply, call, loader, paramsOf(request), query);
    });
  }

  /** A form's target; `back` is the page (a path given to `page`) shown again with the error when it fails. */
  action(path: string, back: string, action: Action): void {
    this.server.post(path, async (request, reply) => {
      const call = await this.open(request, reply);
      if (call === undefined) return reply;
      const form = formFields(request) ?? {};
      if (!this.app.console.csrfMatches(cookie(request, CSRF_COOKIE), form._csrf?.[0])) {
        return send(reply.code(403), messageOnlyPage(call.frame("Form expired"), "This form has expired or did not come from the console. Go back, reload the page and try again."));
      }
      const params = paramsOf(request);
      try {
        const outcome = await action(call, params, form);
        if ("page" in outcome) return send(reply, outcome.page);
        const location = outcome.notice === undefined ? outcome.redirect : withQuery(outcome.redirect, { notice: outcome.notice });
        return reply.code(303).header("location", location).send();
      } catch (error) {
        call.error = describeError(error);
        const loader = this.loaders.get(back)!;
        return this.render(reply.code(statusOf(error)), call, loader, params, {});
      }
    });
  }

  /** A registered page's HTML, for an action that shows it again with its own message. */
  load(path: string, call: ConsoleCall, params: Params): Promise<string> {
    return this.loaders.get(path)!(call, params, {});
  }

  private async render(reply: FastifyReply, call: ConsoleCall, loader: Loader, params: Params, query: Query): Promise<FastifyReply> {
    try {
      return send(reply, await loader(call, params, query));
    } catch (error) {
      // The page itself cannot be shown (an unknown pool, a refused read): say why, in Cognito's words.
      call.error = call.error === undefined ? describeError(error) : `${call.error} ${describeError(error)}`;
      return send(reply.code(statusOf(error)), messageOnlyPage(call.frame("Cannot show this page"), "Go back to the user pools and try again."));
    }
  }

  /** The call of an allowed request, or undefined once the refusal (or sign-in page) has been sent. */
  private async open(request: FastifyRequest, reply: FastifyReply): Promise<ConsoleCall | undefined> {
    const csrf = this.csrfFor(request, reply);
    if (this.app.mode === "dev" && !isLoopback(request.ip)) {
      send(reply.code(403), messageOnlyPage(frameOf(this.app, csrf, "Console not available"), "In dev mode the console answers only on this machine (loopback). Start Cognate in secure mode (--credentials) to use it from elsewhere."));
      return undefined;
    }
    const ctx = await this.app.console.context({ requestId: request.id, sourceIp: request.ip, session: cookie(request, SESSION_COOKIE) });
    if (ctx === undefined) {
      if (request.method === "GET") reply.code(303).header("location", "/console/sign-in").send();
      else send(reply.code(401), signInPage({ csrf, error: "Your session has ended. Sign in again." }));
      return undefined;
    }
    const app = this.app;
    const call: ConsoleCall = {
      app,
      ctx,
      csrf,
      frame(title, extra = {}) {
        return {
          ...frameOf(app, csrf, title),
          ...(app.mode === "secure" && ctx.caller !== undefined ? { signedInAs: ctx.caller.arn } : {}),
          ...(call.notice === undefined ? {} : { notice: call.notice }),
          ...(call.error === undefined ? {} : { error: call.error }),
          ...extra,
        };
      },
      call: async (operation, input) => (await app.invoke(operation, input as Record<string, unknown>, ctx)) as never,
    };
    return call;
  }

  /** The browser's CSRF token, set as a cookie when it has none yet. */
  csrfFor(request: FastifyRequest, reply: FastifyReply): string {
    const existing = cookie(request, CSRF_COOKIE);
    if (existing !== undefined && /^[\w-]{43}$/.test(existing)) return existing;
    const token = this.app.console.newCsrfToken();
    reply.header("set-cookie", cookieHeader(this.app, CSRF_COOKIE, token, undefined));
    return token;
  }
}

/** The common frame for pages outside a session (sign-in, refusals). */
export function frameOf(app: App, csrf: string, title: string): Frame {
  return { title, csrf, devTools: app.mode === "dev" && app.controlApi };
}

/** `Set-Cookie` for a console cookie: HttpOnly, SameSite=Strict, Secure under TLS, a session cookie without `maxAge`. */
export function cookieHeader(app: App, name: string, value: string, maxAgeSeconds: number | undefined): string {
  const secure = app.publicUrl().startsWith("https:") ? "; Secure" : "";
  const age = maxAgeSeconds === undefined ? "" : `; Max-Age=${maxAgeSeconds}`;
  return `${name}=${value}; Path=/console; HttpOnly; SameSite=Strict${secure}${age}`;
}

/** HTML that no cache keeps, no frame shows, and that loads nothing from anywhere. */
export function send(reply: FastifyReply, body: string): FastifyReply {
  return reply
    .header("cache-control", "no-store")
    .header("x-frame-options", "DENY")
    .header("referrer-policy", "no-referrer")
    .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    .header("content-type", "text/html; charset=utf-8")
    .send(body);
}

/** An error as Cognito words it (`Type: message`); anything else is the server's failure and says so. */
export function describeError(error: unknown): string {
  if (error instanceof CognitoError || error instanceof FrameworkError) return `${error.type}: ${error.message}`;
  throw error;
}

function statusOf(error: unknown): number {
  if (error instanceof FrameworkError) return error.status;
  if (error instanceof CognitoError) return error.type === "ResourceNotFoundException" || error.type === "UserNotFoundException" ? 404 : 400;
  return 500;
}

export function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function paramsOf(request: FastifyRequest): Params {
  return request.params as Params;
}

/** The query's fields, each given once (a repeated one keeps its first value). */
function queryOf(request: FastifyRequest): Query {
  const url = request.raw.url ?? "";
  const query: Query = {};
  for (const [name, value] of new URLSearchParams(url.includes("?") ? url.slice(url.indexOf("?") + 1) : "")) query[name] ??= value;
  return query;
}

function withQuery(path: string, query: Record<string, string>): string {
  return `${path}${path.includes("?") ? "&" : "?"}${new URLSearchParams(query)}`;
}

function isLoopback(ip: string): boolean {
  return ip === "::1" || ip.startsWith("127.") || ip.startsWith("::ffff:127.");
}
