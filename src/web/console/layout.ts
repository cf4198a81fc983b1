import { html, raw, type SafeHtml, type Slot } from "./template.js";

/** A section's data, or why the caller's policy refused to read it (Cognito's words). */
export type Refusable<T> = { answer: T } | { refused: string };

/** What every console page shows around its content. */
export interface Frame {
  title: string;
  csrf: string;
  /** Secure mode: the signed-in principal's ARN (a sign-out button is shown). */
  signedInAs?: string;
  /** Dev mode with the control API: the outbox and the clock are in the navigation. */
  devTools: boolean;
  /** The pool whose pages are open: its navigation is shown. */
  pool?: { id: string; name?: string };
  /** What the last action did, or why it was refused (Cognito's words). */
  notice?: string;
  error?: string;
  /** Which navigation entry is current. */
  current?: string;
}

/** Plain CSS, inline: no asset from elsewhere, readable from a phone to a wide screen. */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#16191f;background:#f4f5f6;line-height:1.45}
a{color:#0559a8}
a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #0972d3;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
header{background:#232f3e;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
header a{color:#fff;text-decoration:none;padding:.25rem 0}
header a[aria-current=page]{border-bottom:3px solid #ff9900}
header .brand{font-weight:700;font-size:1.1rem;margin-right:.5rem}
header form{margin:0 0 0 auto;display:flex;gap:.5rem;align-items:center}
header .who{font-size:.85rem;color:#d5dbdb;overflow-wrap:anywhere}
nav.pool{background:#fff;border-bottom:1px solid #d5dbdb;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav.pool a[aria-current=page]{font-weight:700;text-decoration:none}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem;overflow-wrap:anywhere}
h2{font-size:1.15rem;margin:0 0 .75rem}
section,.card{background:#fff;border:1px solid #d5dbdb;border-radius:.4rem;padding:1rem;margin:0 0 1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
.grid>section{margin:0}
label{display:block;font-weight:600;margin:.6rem 0 .25rem}
label.inline{display:flex;gap:.5rem;align-items:center;font-weight:400}
input[type=text],input[type=password],input[type=number],input[type=email],select,textarea{width:100%;max-width:32rem;padding:.5rem .6rem;font-size:1rem;border:1px solid #7d8998;border-radius:.25rem;background:#fff}
fieldset{border:1px solid #d5dbdb;border-radius:.25rem;margin:.6rem 0;padding:.5rem .75rem}
legend{font-weight:600}
button{margin-top:.75rem;padding:.5rem 1rem;font-size:1rem;font-weight:600;color:#fff;background:#0972d3;border:0;border-radius:.25rem;cursor:pointer}
button:hover{background:#065299}
button.danger{background:#b0140f}
button.danger:hover{background:#7d0e0a}
button.link{background:none;color:#fff;text-decoration:underline;margin:0;padding:.25rem}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #e3e6e8;vertical-align:top}
th{white-space:nowrap}
td{min-width:6rem;max-width:28rem;overflow-wrap:break-word}
th{background:#f0f2f3}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92rem;overflow-wrap:anywhere}
input.copy{display:block;width:100%;max-width:none}
.notice{padding:.75rem;border-left:4px solid #037f0c;background:#f2fcf3;margin:0 0 1rem}
.error{padding:.75rem;border-left:4px solid #d91515;background:#fff7f7;color:#7d0e0a;margin:0 0 1rem;overflow-wrap:anywhere}
.secret{padding:.75rem;border:2px dashed #ff9900;background:#fffbf2;margin:.5rem 0}
.row{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}
.row>*{flex:1 1 12rem}
.row>button{flex:0 0 auto}
.muted{color:#545b64}
.pager{display:flex;gap:1rem;margin:.75rem 0}
dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.3rem 1rem;margin:0}
dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}
@media (max-width:40rem){dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}main{padding:.5rem}}
`;

/** A whole console page: skip link, navigation, the notice or error, and the content. */
export function consolePage(frame: Frame, content: SafeHtml): string {
  const link = (href: string, label: string, key: string) =>
    html`<a href="${href}"${frame.current === key ? raw(' aria-current="page"') : ""}>${label}</a>`;
  const pool = frame.pool;
  const poolBase = pool === undefined ? "" : `/console/pools/${encodeURIComponent(pool.id)}`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · Cognate console</title>
<style>${raw(STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<a class="brand" href="/console">Cognate console</a>
<nav aria-label="Console" style="display:flex;flex-wrap:wrap;gap:.25rem 1.25rem">
${link("/console", "User pools", "pools")}
${link("/console/audit", "Audit trail", "audit")}
${frame.devTools ? [link("/console/outbox", "Outbox", "outbox"), raw("\n"), link("/console/clock", "Clock", "clock")] : ""}
</nav>
${
  frame.signedInAs === undefined
    ? ""
    : html`<form method="post" action="/console/sign-out"><span class="who">Signed in as ${frame.signedInAs}</span>${csrfField(frame.csrf)}<button class="link" type="submit">Sign out</button></form>`
}
</header>
${
  pool === undefined
    ? ""
    : html`<nav class="pool" aria-label="User pool ${pool.name ?? pool.id}">
${link(poolBase, "Overview", "pool")}
${link(`${poolBase}/users`, "Users", "users")}
${link(`${poolBase}/groups`, "Groups", "groups")}
${link(`${poolBase}/clients`, "App clients", "clients")}
${link(`${poolBase}/identity-providers`, "Identity providers", "identity-providers")}
${link(`${poolBase}/domain`, "Domain", "domain")}
${link(`${poolBase}/resource-servers`, "Resource servers", "resource-servers")}
${link(`${poolBase}/triggers`, "Triggers", "triggers")}
${frame.devTools ? link(`/console/outbox?poolId=${encodeURIComponent(pool.id)}`, "Messages", "outbox") : ""}
${link(`/console/audit?poolId=${encodeURIComponent(pool.id)}`, "Audit", "audit")}
</nav>`
}
<main id="main" tabindex="-1">
${frame.notice === undefined ? "" : html`<p class="notice" role="status">${frame.notice}</p>`}
${frame.error === undefined ? "" : html`<p class="error" role="alert" id="error">${frame.error}</p>`}
${content}
</main>
</body>
</html>
`.text;
}

/** The hidden field every form carries, bound to the console's CSRF cookie. */
export function csrfField(csrf: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${csrf}">`;
}

/** A form posting to `action` with the CSRF field. */
export function form(action: string, csrf: string, body: Slot, attributes: SafeHtml = raw("")): SafeHtml {
  return html`<form method="post" action="${action}"${attributes}>${csrfField(csrf)}${body}</form>`;
}

/**
 * A table in a scrolling box (wide tables scroll on a phone instead of breaking the page); the box is a named
 * region a keyboard can focus, so it can be scrolled without a mouse.
 */
export function table(caption: string, headings: readonly string[], rows: readonly Slot[][], empty: string): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">${empty}</p>`;
  return html`<div class="table" tabindex="0" role="region" aria-label="${caption}"><table><caption class="muted" style="text-align:left">${caption}</caption>
<thead><tr>${headings.map((heading) => html`<th scope="col">${heading}</th>`)}</tr></thead>
<tbody>${rows.map((cells) => html`<tr>${cells.map((cell) => html`<td>${cell}</td>`)}</tr>\n`)}</tbody></table></div>`;
}

/** A labelled text-like input; `id` names it for the label. */
export function field(label: string, name: string, options: { type?: string; value?: string; required?: boolean; id?: string; hint?: string; autocomplete?: string; min?: number; max?: number } = {}): SafeHtml {
  const id = options.id ?? name;
  return html`<label for="${id}">${label}</label>
<input type="${options.type ?? "text"}" id="${id}" name="${name}"${options.value === undefined ? "" : html` value="${options.value}"`}${options.required === true ? raw(" required") : ""}${options.autocomplete === undefined ? "" : html` autocomplete="${options.autocomplete}"`}${options.min === undefined ? "" : html` min="${options.min}"`}${options.max === undefined ? "" : html` max="${options.max}"`}${options.hint === undefined ? "" : html` aria-describedby="${id}-hint"`}>
${options.hint === undefined ? "" : html`<div class="muted" id="${id}-hint">${options.hint}</div>`}`;
}

export function checkbox(label: string, name: string, checked: boolean, options: { required?: boolean; id?: string; value?: string } = {}): SafeHtml {
  const id = options.id ?? name;
  return html`<label class="inline" for="${id}"><input type="checkbox" id="${id}" name="${name}" value="${options.value ?? "yes"}"${checked ? raw(" checked") : ""}${options.required === true ? raw(" required") : ""}> ${label}</label>`;
}

export function select(label: string, name: string, options: readonly (readonly [value: string, text: string])[], selected: string | undefined, id = name): SafeHtml {
  return html`<label for="${id}">${label}</label>
<select id="${id}" name="${name}">${options.map(([value, text]) => html`<option value="${value}"${value === selected ? raw(" selected") : ""}>${text}</option>`)}</select>`;
}

/** A definition list of facts; undefined values are left out. */
export function facts(entries: readonly (readonly [string, Slot])[]): SafeHtml {
  return html`<dl>${entries.filter(([, value]) => value !== undefined && value !== "").map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>`;
}

/** A date as UTC text, to the second. */
export function when(date: Date | undefined): string {
  return date === undefined ? "" : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export function signInPage(view: { csrf: string; error?: string; accessKeyId?: string }): string {
  return consolePage(
    { title: "Sign in", csrf: view.csrf, devTools: false, ...(view.error === undefined ? {} : { error: view.error }) },
    html`<section style="max-width:28rem;margin:2rem auto">
<h1>Sign in to the console</h1>
<p>Use an access key id and secret access key from Cognate's credentials file. What you may do is what that credential's policy allows.</p>
${form(
  "/console/sign-in",
  view.csrf,
  html`${field("Access key id", "accessKeyId", { required: true, autocomplete: "username", ...(view.accessKeyId === undefined ? {} : { value: view.accessKeyId }) })}
${field("Secret access key", "secretAccessKey", { type: "password", required: true, autocomplete: "current-password" })}
<button type="submit">Sign in</button>`,
)}
</section>`,
  );
}
