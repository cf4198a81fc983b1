import { escapeHtml, page } from "./html.js";

export interface LoginView {
  /** Where the form posts: `/login?<the authorize query>`, Cognito's classic form contract. */
  action: string;
  csrf: string;
  /** What the last attempt was refused with, shown above the form. */
  error?: string;
  /** The name typed last time, kept after a refusal. */
  username?: string;
  /** The classic hosted UI customization: the pool's or client's CSS, and its logo's address. */
  customCss?: string;
  logoUrl?: string;
}

/** The sign-in page: username, password and the `_csrf` field bound to the XSRF-TOKEN cookie. */
export function loginPage(view: LoginView): string {
  const error = view.error === undefined ? "" : `<p class="error errorMessage-customizable" role="alert" id="error">${escapeHtml(view.error)}</p>\n`;
  const described = view.error === undefined ? "" : ' aria-describedby="error"';
  const logo = view.logoUrl === undefined ? "" : `<div class="banner-customizable"><img class="logo-customizable" src="${escapeHtml(view.logoUrl)}" alt=""></div>\n`;
  // The class names are the classic hosted UI's, so CSS written for Cognito's pages styles these.
  return page(
    "Sign in",
    `<div class="background-customizable">
${logo}<h1 class="textDescription-customizable">Sign in</h1>
${error}<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(view.csrf)}">
<label class="label-customizable" for="username">Username</label>
<input class="inputField-customizable" type="text" id="username" name="username" autocomplete="username" autocapitalize="none" required autofocus${described} value="${escapeHtml(view.username ?? "")}">
<label class="label-customizable" for="password">Password</label>
<input class="inputField-customizable" type="password" id="password" name="password" autocomplete="current-password" required>
<button class="submitButton-customizable" type="submit" name="signInSubmitButton">Sign in</button>
</form>
</div>`,
    view.customCss,
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
