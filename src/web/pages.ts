import { escapeHtml, page } from "./html.js";

export interface LoginView {
  /** Where the form posts: `/login?<the authorize query>`, Cognito's classic form contract. */
  action: string;
  csrf: string;
  /** What the last attempt was refused with, shown above the form. */
  error?: string;
  /** The name typed last time, kept after a refusal. */
  username?: string;
  /** The client's identity providers, each a link to sign in there (`/oauth2/authorize?…&identity_provider=<name>`). */
  providers?: Array<{ name: string; href: string }>;
}

/** The sign-in page: username, password and the `_csrf` field bound to the XSRF-TOKEN cookie. */
export function loginPage(view: LoginView): string {
  const error = view.error === undefined ? "" : `<p class="error" role="alert" id="error">${escapeHtml(view.error)}</p>\n`;
  const described = view.error === undefined ? "" : ' aria-describedby="error"';
  const providers =
    view.providers === undefined || view.providers.length === 0
      ? ""
      : `<p>Sign in with your corporate ID</p>
<ul class="providers">
${view.providers.map((provider) => `<li><a href="${escapeHtml(provider.href)}">${escapeHtml(provider.name)}</a></li>`).join("\n")}
</ul>
`;
  return page(
    "Sign in",
    `<h1>Sign in</h1>
${providers}${error}<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrf)}">
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus${described} value="${escapeHtml(view.username ?? "")}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" name="signInSubmitButton">Sign in</button>
</form>`,
  );
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
