/** Escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.codePointAt(0)};`);
}

/** Plain CSS, inline: the pages work without JavaScript and load nothing from elsewhere. */
const STYLE = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f2f3f3;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#16191f}
main{width:100%;max-width:24rem;margin:1rem;padding:2rem;background:#fff;border-radius:.5rem;
box-shadow:0 1px 4px rgba(0,0,0,.15)}
h1{font-size:1.4rem;margin:0 0 1.25rem}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input[type=text],input[type=password],input[type=email],input[type=tel]{width:100%;padding:.6rem .7rem;font-size:1rem;border:1px solid #8d99a8;border-radius:.25rem}
input:focus,button:focus{outline:3px solid #0972d3;outline-offset:1px}
button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;font-weight:600;color:#fff;background:#0972d3;
border:0;border-radius:.25rem;cursor:pointer}
button:hover{background:#065299}
.logo-customizable{display:block;max-width:100%;max-height:5rem;margin:0 auto 1rem}
.error{margin:0 0 1rem;padding:.75rem;border-left:4px solid #d91515;background:#fff7f7;color:#8b0000}
p{line-height:1.5}
.secret{word-break:break-all;font-size:1.05rem}
button.secondary{margin-top:.75rem;color:#0972d3;background:#fff;border:1px solid #0972d3}
button.secondary:hover{background:#f0f7ff}
.notice{margin:0 0 1rem;padding:.75rem;border-left:4px solid #0972d3;background:#f0f7ff}
a{color:#0972d3}
fieldset{border:0;padding:0;margin:0}
legend{font-weight:600;margin-bottom:.5rem;line-height:1.5}
.choice{display:flex;align-items:center;gap:.5rem;margin:.6rem 0}
.choice label{margin:0;font-weight:400}
.choice input{width:1.1rem;height:1.1rem;margin:0}
.divider{text-align:center;color:#5f6b7a;margin:1.25rem 0 0}`;

/**
 * A whole page: language, viewport, title and the shared style, then the pool's own CSS when it has some.
 * That CSS was checked when it was set (no markup, only the customizable classes), so it cannot end the
 * <style> element; the check is repeated here, as a page must never carry markup it did not write.
 */
export function page(title: string, body: string, customCss?: string): string {
  const custom = customCss === undefined || customCss.includes("<") ? "" : `\n<style>${customCss}</style>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>${custom}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
