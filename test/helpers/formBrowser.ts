import assert from "node:assert/strict";

/**
 * A browser's part of the managed login flow: follows no redirect by itself, keeps every cookie the server
 * sets (and drops those it clears), and posts forms as a browser would.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    const response = await fetch(new URL(path, this.base), { redirect: "manual", headers: this.headers() });
    this.keep(response);
    return response;
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const response = await fetch(new URL(path, this.base), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", ...this.headers() },
      body: new URLSearchParams(fields).toString(),
    });
    this.keep(response);
    return response;
  }

  /** The page a redirect leads to (on this server), fetched as the browser would. */
  async follow(response: Response): Promise<Response> {
    assert.equal(response.status, 302, "a redirect");
    return this.get(response.headers.get("location")!);
  }

  private headers(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") };
  }

  private keep(response: Response): void {
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(";");
      const [name, ...value] = pair!.split("=");
      if (/;\s*Max-Age=0/i.test(set)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join("="));
    }
  }
}

/** A page's form: its action and every named input's value (hidden `_csrf` included), read from the HTML. */
export function formOf(html: string): { action: string; fields: Record<string, string>; csrf: string } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  assert.ok(action !== undefined, "the page has a form");
  const fields: Record<string, string> = {};
  for (const input of html.matchAll(/<input [^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    if (name !== undefined) fields[unescape(name)] = unescape(/value="([^"]*)"/.exec(input[0])?.[1] ?? "");
  }
  assert.ok(fields._csrf, "the form carries its CSRF token");
  return { action: unescape(action), fields, csrf: fields._csrf };
}

function unescape(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}
