import type { UICustomizationType } from "@aws-sdk/client-cognito-identity-provider";
import { uiCustomizationCssInvalid, uiCustomizationImageInvalid } from "../../errors/catalogue.js";
import type { Store } from "../ports/store.js";
import type { UiCustomizationRecord } from "./types.js";

/** The pool-wide customization's client id, as Cognito names it. */
export const ALL_CLIENTS = "ALL";

/** The classes of the classic hosted UI that Cognito lets CSS style (docs/behaviour.md, "Branding"). */
export const CUSTOMIZABLE_SELECTORS: readonly string[] = [
  ".background-customizable",
  ".banner-customizable",
  ".errorMessage-customizable",
  ".idpButton-customizable",
  ".idpButton-customizable:hover",
  ".inputField-customizable",
  ".inputField-customizable:focus",
  ".label-customizable",
  ".legalText-customizable",
  ".logo-customizable",
  ".submitButton-customizable",
  ".submitButton-customizable:hover",
  ".textDescription-customizable",
];

const MAX_IMAGE_BYTES = 100 * 1024;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * Checks CSS as the classic hosted UI takes it: rules whose selectors are customizable classes, with plain
 * declarations. The CSS is later put inside the page's <style>, so markup (`<`), at-rules and anything that
 * loads a resource are refused rather than escaped.
 */
export function checkCss(css: string): void {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, "");
  if (text.includes("<")) throw uiCustomizationCssInvalid("markup (<) is not allowed");
  if (text.includes("@")) throw uiCustomizationCssInvalid("at-rules are not allowed");
  if (/url\s*\(|expression\s*\(|\\/i.test(text)) throw uiCustomizationCssInvalid("url(), expression() and escapes are not allowed");
  const blocks = text.split("}");
  if (blocks.pop()!.trim() !== "") throw uiCustomizationCssInvalid("a rule is not closed");
  for (const block of blocks) {
    const open = block.indexOf("{");
    if (open === -1 || block.indexOf("{", open + 1) !== -1) throw uiCustomizationCssInvalid("rules must be `selector { declarations }`");
    for (const selector of block.slice(0, open).split(",")) {
      const name = selector.trim();
      if (!CUSTOMIZABLE_SELECTORS.includes(name)) throw uiCustomizationCssInvalid(`${name === "" ? "an empty selector" : name} is not a customizable class`);
    }
  }
}

/** The logo's bytes and type from the API's Base64; PNG or JPEG, at most 100 KB. */
export function readImage(base64: string): NonNullable<UiCustomizationRecord["image"]> {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length > MAX_IMAGE_BYTES) throw uiCustomizationImageInvalid();
  if (bytes.subarray(0, PNG.length).equals(PNG)) return { bytes, contentType: "image/png" };
  if (bytes.subarray(0, JPEG.length).equals(JPEG)) return { bytes, contentType: "image/jpeg" };
  throw uiCustomizationImageInvalid();
}

/** SetUICustomization's record: the whole customization is replaced (what is omitted is removed). */
export function newUiCustomization(
  input: { css: string | undefined; imageBase64: string | undefined },
  at: { poolId: string; clientId: string; now: Date; existing: UiCustomizationRecord | undefined },
): UiCustomizationRecord {
  if (input.css !== undefined) checkCss(input.css);
  const image = input.imageBase64 === undefined || input.imageBase64 === "" ? undefined : readImage(input.imageBase64);
  return {
    poolId: at.poolId,
    clientId: at.clientId,
    ...(input.css === undefined || input.css === "" ? {} : { css: input.css }),
    ...(image === undefined ? {} : { image }),
    cssVersion: String(at.now.getTime()),
    createdAt: at.existing?.createdAt ?? at.now,
    lastModifiedAt: at.now,
  };
}

/** The customization that applies to a client: its own, else the pool's (`ALL`), else none. */
export async function effectiveUiCustomization(store: Store, poolId: string, clientId: string | undefined): Promise<UiCustomizationRecord | undefined> {
  if (clientId !== undefined && clientId !== ALL_CLIENTS) {
    const own = await store.branding.getUiCustomization(poolId, clientId);
    if (own !== undefined) return own;
  }
  return store.branding.getUiCustomization(poolId, ALL_CLIENTS);
}

/** Where Cognate serves a customization's logo; the version makes a new logo a new URL. */
export function logoPath(record: UiCustomizationRecord): string | undefined {
  return record.image === undefined ? undefined : `/ui-assets/${record.poolId}/${record.clientId}/${record.cssVersion}/logo`;
}

export function toUiCustomizationType(record: UiCustomizationRecord | undefined, asked: { poolId: string; clientId: string }, publicUrl: string): UICustomizationType {
  if (record === undefined) return { UserPoolId: asked.poolId, ClientId: asked.clientId };
  const logo = logoPath(record);
  return {
    UserPoolId: record.poolId,
    ClientId: record.clientId,
    ...(logo === undefined ? {} : { ImageUrl: `${publicUrl}${logo}` }),
    ...(record.css === undefined ? {} : { CSS: record.css }),
    CSSVersion: record.cssVersion,
    CreationDate: record.createdAt,
    LastModifiedDate: record.lastModifiedAt,
  };
}
