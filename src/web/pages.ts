import { escapeHtml, page } from "./html.js";

export interface LoginView {
  /** Where the form posts: `/login?<the authorize query>`, Cognito's classic form contract. */
  action: string;
  csrf: string;
  /** What the last attempt was refused with, shown above the form. */
  error?: string;
  /** The name typed last time, kept after a refusal. */
  username?: string;
}

/** The sign-in page: username, password and the `_csrf` field bound to the XSRF-TOKEN cookie. */
export function loginPage(view: LoginView): string {
  const error = view.error === undefined ? "" : `<p class="error" role="alert" id="error">${escapeHtml(view.error)}</p>\n`;
  const described = view.error === undefined ? "" : ' aria-describedby="error"';
  return page(
    "Sign in",
    `<h1>Sign in</h1>
${error}<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrf)}">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus${described} value="${escapeHtml(view.username ?? "")}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" name="signInSubmitButton">Sign in</button>
</form>`,
  );
}

/** A form of the managed login pages: where it posts, its CSRF token, and the last refusal. */
export interface FormView {
  action: string;
  csrf: string;
  error?: string;
}

/** NEW_PASSWORD_REQUIRED: the new password twice, and the pool's required attributes the user still lacks. */
export function newPasswordPage(view: FormView & { requiredAttributes: readonly string[] }): string {
  const attributes = view.requiredAttributes
    .map((name) => {
      const id = `attribute-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
      const type = name === "email" ? "email" : name === "phone_number" ? "tel" : "text";
      return `<label for="${escapeHtml(id)}">${escapeHtml(attributeLabel(name))}</label>
<input type="${type}" id="${escapeHtml(id)}" name="requiredAttributes[${escapeHtml(name)}]" required>
`;
    })
    .join("");
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

/** A page holding one form: the heading, the refusal announced to screen readers, the CSRF field. */
function formPage(title: string, view: FormView, fields: string): string {
  const error = view.error === undefined ? "" : `<p class="error" role="alert" id="error">${escapeHtml(view.error)}</p>
`;
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1>
${error}<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrf)}">
${fields}
</form>`,
  );
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
