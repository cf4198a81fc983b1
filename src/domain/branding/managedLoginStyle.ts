import type { BrandingAsset, ManagedLoginBrandingRecord } from "./types.js";

/*
 * Managed login (version 2) branding as the pages render it (docs/behaviour.md#branding): the main settings of
 * the style's Settings document turned into CSS over the pages' own, and its form logo and page background
 * images. Only values of the documented shapes are used (colours as RRGGBBAA hex, radii as numbers), so the
 * CSS written here can carry nothing else; anything else in the document is ignored.
 */

type Mode = "lightMode" | "darkMode";

/** What a page shows of a style: CSS for the page's <style>, and the addresses of its images. */
export interface ManagedLoginLook {
  css: string;
  logoPath?: string;
}

/** The images a page may show, by category, and the content type each extension is served with. */
export const ASSET_CONTENT_TYPES: Readonly<Record<string, string>> = {
  PNG: "image/png",
  JPEG: "image/jpeg",
  SVG: "image/svg+xml",
  WEBP: "image/webp",
  ICO: "image/x-icon",
};

/** `/managed-login-assets/<pool>/<style>/<version>/<category>/<colour mode>`: a new style version is a new address. */
export function managedLoginAssetPath(record: ManagedLoginBrandingRecord, asset: BrandingAsset): string {
  return `/managed-login-assets/${record.poolId}/${record.brandingId}/${record.lastModifiedAt.getTime()}/${asset.category}/${asset.colorMode}`;
}

/** The style's asset at that address, while that version is current. */
export function managedLoginAsset(
  record: ManagedLoginBrandingRecord | undefined,
  at: { version: string; category: string; colorMode: string },
): { bytes: Buffer; contentType: string } | undefined {
  if (record === undefined || record.useCognitoProvidedValues || String(record.lastModifiedAt.getTime()) !== at.version) return undefined;
  const asset = record.assets.find((candidate) => candidate.category === at.category && candidate.colorMode === at.colorMode);
  const contentType = asset === undefined ? undefined : ASSET_CONTENT_TYPES[asset.extension];
  if (asset?.bytes === undefined || contentType === undefined) return undefined;
  return { bytes: Buffer.from(asset.bytes, "base64"), contentType };
}

/**
 * The look of a style: undefined for one on Cognito's provided values (Cognate's default look is the
 * pages' own). The colour scheme (categories.global.colorSchemeMode) picks the light or dark values, or both
 * with the browser's preference (DYNAMIC).
 */
export function managedLoginLook(record: ManagedLoginBrandingRecord | undefined): ManagedLoginLook | undefined {
  if (record === undefined || record.useCognitoProvidedValues) return undefined;
  const settings = record.settings ?? {};
  const scheme = text(at(settings, "categories", "global", "colorSchemeMode"));
  const light = modeCss(settings, "lightMode");
  const dark = modeCss(settings, "darkMode");
  const css = [
    sharedCss(settings),
    scheme === "DARK" ? dark : light,
    scheme === "DYNAMIC" && dark !== "" ? `@media (prefers-color-scheme: dark){${dark}}` : "",
  ]
    .filter((part) => part !== "")
    .join("\n");
  const dynamicFirst = scheme === "DARK" ? ["DARK", "DYNAMIC", "LIGHT"] : ["LIGHT", "DYNAMIC", "DARK"];
  const image = (category: string) => {
    const asset = dynamicFirst.map((mode) => record.assets.find((candidate) => candidate.category === category && candidate.colorMode === mode)).find(Boolean);
    return asset?.bytes !== undefined && ASSET_CONTENT_TYPES[asset.extension] !== undefined ? managedLoginAssetPath(record, asset) : undefined;
  };
  const logoOn = at(settings, "components", "form", "logo", "enabled") !== false;
  const backgroundOn = at(settings, "components", "pageBackground", "image", "enabled") !== false;
  const logo = logoOn ? image("FORM_LOGO") : undefined;
  const background = backgroundOn ? image("PAGE_BACKGROUND") : undefined;
  const backgroundCss = background === undefined ? "" : `\nbody{background-image:url("${background}");background-size:cover;background-position:center}`;
  return { css: css + backgroundCss, ...(logo === undefined ? {} : { logoPath: logo }) };
}

/** Radii and the logo's place: the same in both colour modes. */
function sharedCss(settings: Record<string, unknown>): string {
  const rules: string[] = [];
  const formRadius = radius(at(settings, "components", "form", "borderRadius"));
  if (formRadius !== undefined) rules.push(`main{border-radius:${formRadius}}`);
  const buttonRadius = radius(at(settings, "componentClasses", "buttons", "borderRadius"));
  if (buttonRadius !== undefined) rules.push(`button{border-radius:${buttonRadius}}`);
  const inputRadius = radius(at(settings, "componentClasses", "input", "borderRadius"));
  if (inputRadius !== undefined) rules.push(`input{border-radius:${inputRadius}}`);
  const alertRadius = radius(at(settings, "components", "alert", "borderRadius"));
  if (alertRadius !== undefined) rules.push(`.error{border-radius:${alertRadius}}`);
  const location = text(at(settings, "components", "form", "logo", "location"));
  const align = location === "START" ? "0 auto 1rem 0" : location === "END" ? "0 0 1rem auto" : undefined;
  if (align !== undefined) rules.push(`.logo-customizable{margin:${align}}`);
  return rules.join("\n");
}

/** The colours of one mode, each rule only with the colours the document gives. */
function modeCss(settings: Record<string, unknown>, mode: Mode): string {
  const rules: string[] = [];
  const rule = (selector: string, declarations: Array<[string, string | undefined]>) => {
    const given = declarations.filter((declaration): declaration is [string, string] => declaration[1] !== undefined);
    if (given.length > 0) rules.push(`${selector}{${given.map(([name, value]) => `${name}:${value}`).join(";")}}`);
  };
  const component = (...path: string[]) => color(at(settings, "components", ...path));
  const componentClass = (...path: string[]) => color(at(settings, "componentClasses", ...path));

  rule("body", [
    ["background-color", component("pageBackground", mode, "color")],
    ["color", component("pageText", mode, "bodyColor")],
  ]);
  rule("main", [
    ["background", component("form", mode, "backgroundColor")],
    ["border", prefixed("1px solid ", component("form", mode, "borderColor"))],
  ]);
  rule("h1", [["color", component("pageText", mode, "headingColor")]]);
  rule("#hint,legend", [["color", component("pageText", mode, "descriptionColor")]]);
  rule("label", [["color", componentClass("inputLabel", mode, "textColor")]]);
  rule("input[type=text],input[type=password],input[type=email],input[type=tel]", [
    ["background", componentClass("input", mode, "defaults", "backgroundColor")],
    ["border-color", componentClass("input", mode, "defaults", "borderColor")],
  ]);
  rule("button", [
    ["background", component("primaryButton", mode, "defaults", "backgroundColor")],
    ["color", component("primaryButton", mode, "defaults", "textColor")],
  ]);
  rule("button:hover", [
    ["background", component("primaryButton", mode, "hover", "backgroundColor")],
    ["color", component("primaryButton", mode, "hover", "textColor")],
  ]);
  rule("button:active", [
    ["background", component("primaryButton", mode, "active", "backgroundColor")],
    ["color", component("primaryButton", mode, "active", "textColor")],
  ]);
  rule("button.secondary", [
    ["background", component("secondaryButton", mode, "defaults", "backgroundColor")],
    ["color", component("secondaryButton", mode, "defaults", "textColor")],
    ["border-color", component("secondaryButton", mode, "defaults", "borderColor")],
  ]);
  rule("button.secondary:hover", [
    ["background", component("secondaryButton", mode, "hover", "backgroundColor")],
    ["color", component("secondaryButton", mode, "hover", "textColor")],
    ["border-color", component("secondaryButton", mode, "hover", "borderColor")],
  ]);
  rule("a", [["color", componentClass("link", mode, "defaults", "textColor")]]);
  rule("a:hover", [["color", componentClass("link", mode, "hover", "textColor")]]);
  rule("input:focus,button:focus", [["outline-color", componentClass("focusState", mode, "borderColor")]]);
  rule(".error", [
    ["background", component("alert", mode, "error", "backgroundColor")],
    ["border-left-color", component("alert", mode, "error", "borderColor")],
  ]);
  return rules.join("\n");
}

function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Cognito's colours are eight hex digits, red-green-blue-alpha, without `#`. */
function color(value: unknown): string | undefined {
  return typeof value === "string" && /^[0-9a-fA-F]{8}$/.test(value) ? `#${value.toLowerCase()}` : undefined;
}

function radius(value: unknown): string | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 100 ? `${value}px` : undefined;
}

function prefixed(prefix: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${prefix}${value}`;
}
