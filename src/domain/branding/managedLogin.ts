import type { AssetType, ManagedLoginBrandingType } from "@aws-sdk/client-cognito-identity-provider";
import {
  managedLoginBrandingAssetRepeated,
  managedLoginBrandingExists,
  managedLoginBrandingNotFound,
  managedLoginBrandingProvidedValuesWithSettings,
  managedLoginBrandingSettingsInvalid,
} from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { Random } from "../random.js";
import type { BrandingAsset, ManagedLoginBrandingRecord } from "./types.js";

export interface BrandingInput {
  UseCognitoProvidedValues?: boolean | undefined;
  Settings?: unknown;
  Assets?: AssetType[] | undefined;
}

/**
 * The style's content from a request (docs/behaviour.md, "Branding"): Cognito's provided values exclude
 * Settings and Assets; Settings is a JSON object; one asset per category and colour mode.
 */
function brandingContent(input: BrandingInput): Pick<ManagedLoginBrandingRecord, "useCognitoProvidedValues" | "settings" | "assets"> {
  const provided = input.UseCognitoProvidedValues === true;
  if (provided && (input.Settings !== undefined || (input.Assets?.length ?? 0) > 0)) throw managedLoginBrandingProvidedValuesWithSettings();
  if (input.Settings !== undefined && (typeof input.Settings !== "object" || input.Settings === null || Array.isArray(input.Settings))) {
    throw managedLoginBrandingSettingsInvalid();
  }
  const assets: BrandingAsset[] = [];
  const seen = new Set<string>();
  for (const asset of input.Assets ?? []) {
    const key = `${asset.Category}/${asset.ColorMode}`;
    if (seen.has(key)) throw managedLoginBrandingAssetRepeated(asset.Category!, asset.ColorMode!);
    seen.add(key);
    assets.push({
      category: asset.Category!,
      colorMode: asset.ColorMode!,
      extension: asset.Extension!,
      ...(asset.Bytes === undefined ? {} : { bytes: asset.Bytes as unknown as string }),
      ...(asset.ResourceId === undefined ? {} : { resourceId: asset.ResourceId }),
    });
  }
  return {
    useCognitoProvidedValues: provided,
    ...(input.Settings === undefined ? {} : { settings: input.Settings as Record<string, unknown> }),
    assets,
  };
}

export async function createBranding(
  store: Store,
  input: BrandingInput,
  at: { poolId: string; clientId: string; now: Date; random: Random },
): Promise<ManagedLoginBrandingRecord> {
  const record: ManagedLoginBrandingRecord = {
    brandingId: at.random.uuid(),
    poolId: at.poolId,
    clientId: at.clientId,
    ...brandingContent(input),
    createdAt: at.now,
    lastModifiedAt: at.now,
  };
  try {
    await store.branding.createManagedLogin(record);
  } catch (error) {
    if (error instanceof StorageConflictError) throw managedLoginBrandingExists();
    throw error;
  }
  return record;
}

export async function requireBranding(store: Store, poolId: string, brandingId: string): Promise<ManagedLoginBrandingRecord> {
  const record = await store.branding.getManagedLogin(poolId, brandingId);
  if (record === undefined) throw managedLoginBrandingNotFound();
  return record;
}

/**
 * UpdateManagedLoginBranding: the members given replace the stored ones; UseCognitoProvidedValues true
 * drops the settings and assets, and Settings or Assets given switch it off.
 */
export async function updateBranding(store: Store, existing: ManagedLoginBrandingRecord, input: BrandingInput, now: Date): Promise<ManagedLoginBrandingRecord> {
  const content = brandingContent(input);
  const provided = input.UseCognitoProvidedValues ?? (input.Settings === undefined && input.Assets === undefined ? existing.useCognitoProvidedValues : false);
  const { settings: _dropped, ...rest } = existing;
  const updated: ManagedLoginBrandingRecord = provided
    ? { ...rest, useCognitoProvidedValues: true, assets: [], lastModifiedAt: now }
    : {
        ...rest,
        useCognitoProvidedValues: false,
        ...(content.settings !== undefined ? { settings: content.settings } : existing.settings === undefined ? {} : { settings: existing.settings }),
        assets: input.Assets === undefined ? existing.assets : content.assets,
        lastModifiedAt: now,
      };
  if (!(await store.branding.updateManagedLogin(updated))) throw managedLoginBrandingNotFound();
  return updated;
}

export function toBrandingType(record: ManagedLoginBrandingRecord): ManagedLoginBrandingType {
  return {
    ManagedLoginBrandingId: record.brandingId,
    UserPoolId: record.poolId,
    UseCognitoProvidedValues: record.useCognitoProvidedValues,
    Settings: (record.settings ?? {}) as ManagedLoginBrandingType["Settings"],
    Assets: record.assets.map((asset) => ({
      Category: asset.category as AssetType["Category"],
      ColorMode: asset.colorMode as AssetType["ColorMode"],
      Extension: asset.extension as AssetType["Extension"],
      ...(asset.bytes === undefined ? {} : { Bytes: asset.bytes as unknown as Uint8Array }),
      ...(asset.resourceId === undefined ? {} : { ResourceId: asset.resourceId }),
    })),
    CreationDate: record.createdAt,
    LastModifiedDate: record.lastModifiedAt,
  };
}
