import { escapeHtml, page } from "./html.js";

export interface LoginView extends Branding {
  /** Where the form posts: `/login?<the authorize query>`, Cognito's classic form contract. */
  action: string;
  csrf: string;
  /** What the last attempt was refused with, shown above the form. */
  error?: string;
  /** The name typed last time, kept after a refusal. */
  username?: string;
  /** The other pages, with the same query; sign-up only when the pool allows it. */
  links?: { forgotPassword: string; signUp?: string };
  /** The client's identity providers, each a link to sign in there (`/oauth2/authorize?…&identity_provider=<name>`). */
  providers?: Array<{ name: string; href: string }>;
}

/** The sign-in page: username, password and the `_csrf` field bound to the XSRF-TOKEN cookie. */
export function loginPage(view: LoginView): string {
  const error = view.error === undefined ? "" : `<p class="error errorMessage-customizable" role="alert" id="error">${escapeHtml(view.error)}</p>\n`;
  const described = view.error === undefined ? "" : ' aria-describedby="error"';
  // The class names are the classic hosted UI's, so CSS written for Cognito's pages styles these.
  return page(
    "Sign in",
    `<div class="background-customizable">
${logoOf(view.logoUrl)}<h1 class="textDescription-customizable">Sign in</h1>
${providersOf(view)}${error}<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrf)}">
<label class="label-customizable" for="username">Username</label>
<input class="inputField-customizable" type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus${described} value="${escapeHtml(view.username ?? "")}">
<label class="label-customizable" for="password">Password</label>
<input class="inputField-customizable" type="password" id="password" name="password" autocomplete="current-password" required>
<button class="submitButton-customizable" type="submit" name="signInSubmitButton">Sign in</button>
</form>${linksOf(view)}
</div>`,
    view.customCss,
  );
}

function providersOf(view: LoginView): string {
  if (view.providers === undefined || view.providers.length === 0) return "";
  const links = view.providers.map((provider) => `<li><a href="${escapeHtml(provider.href)}">${escapeHtml(provider.name)}</a></li>`).join("\n");
  return `<p>Sign in with your corporate ID</p>\n<ul class="providers">\n${links}\n</ul>\n`;
}

function linksOf(view: LoginView): string {
  if (view.links === undefined) return "";
  const signUp = view.links.signUp === undefined ? "" : `\n<p>Need an account? <a href="${escapeHtml(view.links.signUp)}">Sign up</a></p>`;
  return `\n<p><a href="${escapeHtml(view.links.forgotPassword)}">Forgot your password?</a></p>${signUp}`;
}

/** What the sign-up page's username field holds. */
export type UsernameField = "username" | "email" | "phone_number" | "email or phone_number";

/** Sign up: the username (or the attribute users sign in with), the password, and each required attribute. */
export function signUpPage(view: FormView & { usernameField: UsernameField; requiredAttributes: readonly string[]; values: Readonly<Record<string, string>> }): string {
  const [label, type, autocomplete] = USERNAME_FIELDS[view.usernameField];
  const attributes = view.requiredAttributes.map((name) => attributeField(name, view.values[`requiredAttributes[${name}]`] ?? "")).join("");
  return formPage(
    "Sign up",
    view,
    `<label for="username">${label}</label>
<input type="${type}" id="username" name="username" autocomplete="${autocomplete}" autocapitalize="none" required autofocus${errorRef(view)} value="${escapeHtml(view.values.username ?? "")}">
${attributes}<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="new-password" required>
<button type="submit">Sign up</button>`,
  );
}

const USERNAME_FIELDS: Readonly<Record<UsernameField, [string, string, string]>> = {
  username: ["Username", "text", "username"],
  email: ["Email", "email", "email"],
  phone_number: ["Phone number", "tel", "tel"],
  "email or phone_number": ["Email or phone number", "text", "username"],
};

/** Confirm sign-up: the code sent, and a button to send another. */
export function confirmSignUpPage(view: FormView & { username: string; notice?: string }): string {
  return formPage(
    "Confirm your account",
    view,
    `${noticeOf(view.notice)}<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required value="${escapeHtml(view.username)}">
<label for="code">Verification code</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus${errorRef(view)}>
<button type="submit">Confirm account</button>
<button type="submit" name="resend" value="1" class="secondary" formnovalidate>Resend code</button>`,
  );
}

/** Forgot password: the username a reset code is sent for. */
export function forgotPasswordPage(view: FormView & { username: string }): string {
  return formPage(
    "Forgot your password?",
    view,
    `<p id="hint">Enter your username and we will send you a code to reset your password.</p>
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus aria-describedby="hint${describedBy(view)}" value="${escapeHtml(view.username)}">
<button type="submit">Reset my password</button>`,
  );
}

/** Confirm forgot password: the code sent and the new password twice. */
export function confirmForgotPasswordPage(view: FormView & { username: string; notice?: string }): string {
  return formPage(
    "Reset your password",
    view,
    `${noticeOf(view.notice)}${
      view.username === ""
        ? `<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required>\n`
        : `<input type="hidden" name="username" value="${escapeHtml(view.username)}">\n`
    }<label for="code">Code</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus${errorRef(view)}>
<label for="password">New password</label>
<input type="password" id="password" name="password" autocomplete="new-password" required>
<label for="confirmPassword">Enter new password again</label>
<input type="password" id="confirmPassword" name="confirmPassword" autocomplete="new-password" required>
<button type="submit">Change password</button>`,
  );
}

function noticeOf(notice: string | undefined): string {
  return notice === undefined ? "" : `<p class="notice" role="status">${escapeHtml(notice)}</p>\n`;
}

function errorRef(view: FormView): string {
  return view.error === undefined ? "" : ' aria-describedby="error"';
}

function attributeField(name: string, value: string): string {
  const id = `attribute-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const type = name === "email" ? "email" : name === "phone_number" ? "tel" : "text";
  return `<label for="${escapeHtml(id)}">${escapeHtml(attributeLabel(name))}</label>
<input type="${type}" id="${escapeHtml(id)}" name="requiredAttributes[${escapeHtml(name)}]" required value="${escapeHtml(value)}">\n`;
}

/** A form of the managed login pages: where it posts, its CSRF token, and the last refusal. */
export interface FormView extends Branding {
  action: string;
  csrf: string;
  error?: string;
}

/** The classic hosted UI customization: the pool's or client's CSS, and its logo's address. */
export interface Branding {
  customCss?: string;
  logoUrl?: string;
}

/** NEW_PASSWORD_REQUIRED: the new password twice, and the pool's required attributes the user still lacks. */
export function newPasswordPage(view: FormView & { requiredAttributes: readonly string[] }): string {
  const attributes = view.requiredAttributes.map((name) => attributeField(name, "")).join("");
  return formPage(
    "Change password",
    view,
    `<p id="hint">Please enter a new password to continue signing in.</p>
<label for="password">New password</label>
<input type="password" id="password" name="password" autocomplete="new-password" required autofocus aria-describedby="hint${describedBy(view)}">
<label for="confirmPassword">Enter new password again</label>
<input type="password" id="confirmPassword" name="confirmPassword" autocomplete="new-password" required>
${attributes}<button type="submit">Send</button>`,
  );
}

/** SOFTWARE_TOKEN_MFA: the code of the user's authenticator app. */
export function mfaPage(view: FormView): string {
  return formPage(
    "Multi-factor authentication",
    view,
    `<p id="hint">Enter the code from your authenticator app.</p>
${codeField(view)}
<button type="submit">Sign in</button>`,
  );
}

/** MFA_SETUP: the secret to enter into an authenticator app (as text and as its otpauth URI), then a code of it. */
export function mfaSetupPage(view: FormView & { secret: string; uri: string }): string {
  return formPage(
    "Set up multi-factor authentication",
    view,
    `<p id="hint">Your account needs an authenticator app. Add this secret key to the app (or open the link with it), then enter the code it shows.</p>
<p><strong>Secret key:</strong> <code class="secret">${escapeHtml(view.secret)}</code></p>
<p><a href="${escapeHtml(view.uri)}">Add to an authenticator app</a></p>
${codeField(view)}
<button type="submit">Verify</button>`,
  );
}

function codeField(view: FormView): string {
  return `<label for="code">Code</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required autofocus aria-describedby="hint${describedBy(view)}">`;
}

/**
 * A page holding one form: the heading, the refusal announced to screen readers, the CSRF field — in the
 * login page's layout, so the pool's or client's CSS and logo brand it as well.
 */
/**
 * The dev-mode stand-in of a social provider: the identity to sign in as. Cognate serves it in place of the
 * provider's own page, so it says so.
 */
export function standInPage(view: FormView & { provider: string; values: { subject: string; email: string; name: string } }): string {
  return formPage(
    `Sign in with ${view.provider} (Cognate stand-in)`,
    view,
    `<p id="hint">Cognate is in dev mode and stands in for ${escapeHtml(view.provider)}: sign in as any identity. The pool sees it as ${escapeHtml(view.provider)}'s answer.</p>
<label for="subject">Subject (the provider's user id)</label>
<input type="text" id="subject" name="subject" autocapitalize="none" required autofocus aria-describedby="hint${describedBy(view)}" value="${escapeHtml(view.values.subject)}">
<label for="email">Email</label>
<input type="email" id="email" name="email" autocomplete="email" value="${escapeHtml(view.values.email)}">
<label for="name">Name</label>
<input type="text" id="name" name="name" autocomplete="name" value="${escapeHtml(view.values.name)}">
<button type="submit">Sign in as this identity</button>`,
  );
}

function formPage(title: string, view: FormView, fields: string): string {
  const error = view.error === undefined ? "" : `<p class="error errorMessage-customizable" role="alert" id="error">${escapeHtml(view.error)}</p>
`;
  return page(
    title,
    `<div class="background-customizable">
${logoOf(view.logoUrl)}<h1 class="textDescription-customizable">${escapeHtml(title)}</h1>
${error}<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrf)}">
${fields}
</form>
</div>`,
    view.customCss,
  );
}

function logoOf(logoUrl: string | undefined): string {
  return logoUrl === undefined ? "" : `<div class="banner-customizable"><img class="logo-customizable" src="${escapeHtml(logoUrl)}" alt=""></div>\n`;
}

function describedBy(view: FormView): string {
  return view.error === undefined ? "" : " error";
}

/** `given_name` → "Given name", `custom:team` → "Team". */
function attributeLabel(name: string): string {
  const words = name.replace(/^custom:/, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What Cognito shows when a request cannot be served and may not be redirected (an unknown client or redirect_uri). */
export function errorPage(reason: string): string {
  return page(
    "Error",
    `<h1>An error was encountered with the requested page.</h1>
<p class="error" role="alert">${escapeHtml(reason)}</p>`,
  );
}

/** A page that only tells something, such as a step the managed login pages do not serve yet. */
export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>`);
}
