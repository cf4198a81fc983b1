import type { CodeDeliveryDetailsType, SignUpResponse } from "@aws-sdk/client-cognito-identity-provider";
import { signUpNotPermitted } from "../../errors/catalogue.js";
import { CognitoError } from "../../errors/cognitoError.js";
import type { AuthorizeRequest } from "../../domain/oauth/authorize.js";
import { csrfMatches, signedInAtPage } from "../../domain/oauth/login.js";
import {
  confirmedBySignUpSession,
  signedUpUser,
  signUpAttributes,
  signUpPageFields,
  startSignUpSession,
} from "../../domain/oauth/signUpPages.js";
import { pageSecretHash } from "../../domain/oauth/pageSecretHash.js";
import type { OperationName } from "../../model/operations.gen.js";
import type { Deps, RequestContext } from "../types.js";
import {
  answerOf,
  CHALLENGE_COOKIE,
  CSRF_COOKIE,
  field,
  formAnswer,
  withAuthorizeRequest,
  type PageAnswer,
  type PageForm,
  type PageRequest,
} from "./oauth.js";

/**
 * The API as the pages call it: the same pipeline as any client's request (throttling, the model's
 * validation, the rules, the audit trail under the operation's own name), so the pages never copy a rule.
 */
export type Invoke = (operation: OperationName, input: Record<string, unknown>, ctx: RequestContext) => Promise<unknown>;

/** The self-service pages and the paths Cognito's hosted UI serves them at. */
export type SelfServicePage = "signUp" | "confirmSignUp" | "forgotPassword" | "confirmForgotPassword";

export const SELF_SERVICE_PATHS: Readonly<Record<SelfServicePage, string>> = {
  signUp: "/signup",
  confirmSignUp: "/confirmUser",
  forgotPassword: "/forgotPassword",
  confirmForgotPassword: "/confirmForgotPassword",
};

/** GET of a self-service page: its empty form (the username from `login_hint` or `username`). */
export async function selfServicePageEndpoint(deps: Deps, page: SelfServicePage, request: PageRequest): Promise<PageAnswer> {
  return withAuthorizeRequest(request, () => undefined, deps, async (authorize) => {
    const fields = signUpPageFields(authorize.pool);
    if (page === "signUp" && !fields.allowed) return signUpClosed();
    const username = request.query.username?.[0] ?? request.query.login_hint?.[0] ?? "";
    return formAnswer(deps, request, SELF_SERVICE_PATHS[page], emptyForm(authorize, page, username));
  });
}

/**
 * POST of a self-service page: the form's fields become the API operation's input (SignUp,
 * ConfirmSignUp or ResendConfirmationCode, ForgotPassword, ConfirmForgotPassword), with SECRET_HASH
 * computed for a client with a secret; a refusal shows the form again with Cognito's message.
 */
export async function selfServiceSubmitEndpoint(
  deps: Deps,
  invoke: Invoke,
  page: SelfServicePage,
  request: PageRequest,
  ctx: RequestContext,
): Promise<PageAnswer> {
  return withAuthorizeRequest(request, () => undefined, deps, async (authorize) => {
    const username = (field(request, "username") ?? "").trim();
    const again = (status: number, error: string, form: PageForm = keptForm(authorize, page, request, username)) =>
      formAnswer(deps, request, SELF_SERVICE_PATHS[page], form, { status, error });
    if (!csrfMatches(request.cookies[CSRF_COOKIE], field(request, "_csrf"))) return again(403, "Your form expired. Please try again.");
    const { client } = authorize;
    const call = (operation: OperationName, input: Record<string, unknown>) => {
      const secretHash = pageSecretHash(client, username);
      return invoke(operation, { ClientId: client.clientId, Username: username, ...input, ...(secretHash === undefined ? {} : { SecretHash: secretHash }) }, ctx);
    };
    try {
      switch (page) {
        case "signUp":
          return await signUpSubmit(deps, { authorize, request, username, call, now: ctx.now });
        case "confirmSignUp":
          return await confirmSignUpSubmit(deps, { authorize, request, username, call, now: ctx.now });
        case "forgotPassword": {
          const { CodeDeliveryDetails } = (await call("ForgotPassword", {})) as { CodeDeliveryDetails?: CodeDeliveryDetailsType };
          return formAnswer(deps, request, SELF_SERVICE_PATHS.confirmForgotPassword, {
            page: "confirmForgotPassword",
            username,
            notice: deliveryNotice(CodeDeliveryDetails),
          });
        }
        case "confirmForgotPassword": {
          const password = field(request, "password") ?? "";
          if (password !== field(request, "confirmPassword")) return again(400, "The passwords you entered do not match.");
          await call("ConfirmForgotPassword", { ConfirmationCode: field(request, "code") ?? "", Password: password });
          return { kind: "redirect", location: `/login?${request.rawQuery}` };
        }
      }
    } catch (error) {
      if (!(error instanceof CognitoError)) throw error;
      return again(400, error.message);
    }
  });
}

interface SubmitContext {
  authorize: AuthorizeRequest;
  request: PageRequest;
  username: string;
  call: (operation: OperationName, input: Record<string, unknown>) => Promise<unknown>;
  now: Date;
}

/**
 * SignUp with the page's fields. A user confirmed at once (a pre-sign-up rule, later) is signed in; otherwise
 * the confirm page follows, and the browser keeps a sign-up session so that confirming signs it in.
 */
async function signUpSubmit(deps: Deps, { authorize, request, username, call, now }: SubmitContext): Promise<PageAnswer> {
  const { pool, client } = authorize;
  const password = field(request, "password") ?? "";
  const given: Record<string, string> = {};
  for (const [name, values] of Object.entries(request.form ?? {})) {
    if (name.startsWith("requiredAttributes[") && name.endsWith("]") && values[0] !== undefined) given[name.slice("requiredAttributes[".length, -1)] = values[0];
  }
  const output = (await call("SignUp", { Password: password, UserAttributes: signUpAttributes(pool, username, given) })) as SignUpResponse;
  const user = await signedUpUser(deps.store, pool, output.UserSub!);
  if (user === undefined) return { kind: "redirect", location: `/login?${request.rawQuery}` };
  if (output.UserConfirmed === true) return answerOf(request, await signedInAtPage(deps, { authorize, user, now }));
  const session = await startSignUpSession(deps, { client, user, now });
  const confirm = formAnswer(deps, request, SELF_SERVICE_PATHS.confirmSignUp, { page: "confirmSignUp", username, notice: deliveryNotice(output.CodeDeliveryDetails) });
  return { ...confirm, cookies: [...(confirm.cookies ?? []), { name: CHALLENGE_COOKIE, value: session }] };
}

/**
 * ConfirmSignUp with the page's code, or ResendConfirmationCode when the resend button was pressed. A
 * browser that signed this user up is then signed in; any other goes to the login page, the name filled in.
 */
async function confirmSignUpSubmit(deps: Deps, { authorize, request, username, call, now }: SubmitContext): Promise<PageAnswer> {
  if (field(request, "resend") !== undefined) {
    const { CodeDeliveryDetails } = (await call("ResendConfirmationCode", {})) as { CodeDeliveryDetails?: CodeDeliveryDetailsType };
    return formAnswer(deps, request, SELF_SERVICE_PATHS.confirmSignUp, { page: "confirmSignUp", username, notice: deliveryNotice(CodeDeliveryDetails) });
  }
  await call("ConfirmSignUp", { ConfirmationCode: field(request, "code") ?? "" });
  const user = await confirmedBySignUpSession(deps.store, { pool: authorize.pool, token: request.cookies[CHALLENGE_COOKIE], username, now });
  if (user !== undefined) return answerOf(request, await signedInAtPage(deps, { authorize, user, now }));
  const hint = request.query.login_hint === undefined ? `&${new URLSearchParams({ login_hint: username })}` : "";
  return { kind: "redirect", location: `/login?${request.rawQuery}${hint}` };
}

function emptyForm(authorize: AuthorizeRequest, page: SelfServicePage, username: string): PageForm {
  switch (page) {
    case "signUp": {
      const fields = signUpPageFields(authorize.pool);
      return { page, usernameField: fields.username, requiredAttributes: fields.requiredAttributes, values: username === "" ? {} : { username } };
    }
    case "confirmSignUp":
    case "forgotPassword":
    case "confirmForgotPassword":
      return { page, username };
  }
}

/** The form again after a refusal, with what was typed (never a password or a code). */
function keptForm(authorize: AuthorizeRequest, page: SelfServicePage, request: PageRequest, username: string): PageForm {
  const form = emptyForm(authorize, page, username);
  if (form.page !== "signUp") return form;
  const values: Record<string, string> = { username };
  for (const [name, given] of Object.entries(request.form ?? {})) {
    if (name.startsWith("requiredAttributes[") && given[0] !== undefined) values[name] = given[0];
  }
  return { ...form, values };
}

function deliveryNotice(delivery: CodeDeliveryDetailsType | undefined): string | undefined {
  if (delivery?.Destination === undefined) return undefined;
  return `We have sent a code by ${delivery.DeliveryMedium === "SMS" ? "SMS" : "email"} to ${delivery.Destination}. Enter it below.`;
}

function signUpClosed(): PageAnswer {
  return { kind: "message", status: 400, title: "Sign up", text: signUpNotPermitted().message };
}

