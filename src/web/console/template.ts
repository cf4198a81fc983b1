import { escapeHtml } from "../html.js";

/** Markup that is already safe: only `html` and `raw` make one. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value a template may hold: text (escaped), markup, a list of either, or nothing (left out). */
export type Slot = string | number | SafeHtml | readonly Slot[] | undefined | null | false;

/**
 * The console's templates: every interpolated value is escaped unless it is SafeHtml, so forgetting to
 * escape is impossible and marking markup as trusted is explicit.
 */
export function html(strings: TemplateStringsArray, ...slots: Slot[]): SafeHtml {
  let out = strings[0]!;
  slots.forEach((slot, index) => {
    out += render(slot) + strings[index + 1]!;
  });
  return new SafeHtml(out);
}

/** Trusted markup written in this folder (never text from a request or the store). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(slot: Slot): string {
  if (slot === undefined || slot === null || slot === false) return "";
  if (slot instanceof SafeHtml) return slot.text;
  if (Array.isArray(slot)) return slot.map(render).join("");
  return escapeHtml(String(slot));
}
