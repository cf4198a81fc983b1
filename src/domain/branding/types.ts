/** The classic hosted UI's customization of a pool (clientId `ALL`) or of one app client. */
export interface UiCustomizationRecord {
  poolId: string;
  /** An app client id, or `ALL` for the pool-wide default. */
  clientId: string;
  css?: string;
  /** The logo, PNG or JPEG. */
  image?: { bytes: Buffer; contentType: "image/png" | "image/jpeg" };
  /** Changes with every SetUICustomization: the logo's URL carries it, so caches see a new logo. */
  cssVersion: string;
  createdAt: Date;
  lastModifiedAt: Date;
}

/** A managed login (version 2) branding style of one app client. */
export interface ManagedLoginBrandingRecord {
  /** A random UUID (version 4), as the model's ManagedLoginBrandingIdType requires. */
  brandingId: string;
  poolId: string;
  clientId: string;
  useCognitoProvidedValues: boolean;
  /** The Settings document as given (a JSON object); undefined with Cognito's provided values. */
  settings?: Record<string, unknown>;
  assets: BrandingAsset[];
  createdAt: Date;
  lastModifiedAt: Date;
}

export interface BrandingAsset {
  category: string;
  colorMode: string;
  extension: string;
  /** Base64, as the API carries it. */
  bytes?: string;
  resourceId?: string;
}
