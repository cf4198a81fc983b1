import { test } from "node:test";
import assert from "node:assert/strict";
import { html, raw } from "./template.js";

test("every interpolated value is escaped unless it is markup made by html or raw", () => {
  const hostile = `<script>alert("x")</script>' onmouseover='y`;
  assert.equal(
    html`<p title="${hostile}">${hostile}</p>`.text,
    "<p title=\"&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#39; onmouseover=&#39;y\">&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#39; onmouseover=&#39;y</p>",
  );
  assert.equal(html`<ul>${["a<b", html`<li>${"c&d"}</li>`, raw("<hr>")]}</ul>`.text, "<ul>a&#60;b<li>c&#38;d</li><hr></ul>");
});

test("nothing, false and null leave no trace; numbers are written as text", () => {
  assert.equal(html`[${undefined}${null}${false}${0}${""}]`.text, "[0]");
});
