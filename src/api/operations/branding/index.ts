import type { OperationTable } from "../../types.js";
import { createManagedLoginBranding } from "./createManagedLoginBranding.js";
import { deleteManagedLoginBranding } from "./deleteManagedLoginBranding.js";
import { describeManagedLoginBranding } from "./describeManagedLoginBranding.js";
import { describeManagedLoginBrandingByClient } from "./describeManagedLoginBrandingByClient.js";
import { getUICustomization } from "./getUICustomization.js";
import { setUICustomization } from "./setUICustomization.js";
import { updateManagedLoginBranding } from "./updateManagedLoginBranding.js";

/** The branding family: the classic hosted UI's CSS and logo, and managed login's branding styles. */
export const brandingOperations = {
  CreateManagedLoginBranding: createManagedLoginBranding,
  DeleteManagedLoginBranding: deleteManagedLoginBranding,
  DescribeManagedLoginBranding: describeManagedLoginBranding,
  DescribeManagedLoginBrandingByClient: describeManagedLoginBrandingByClient,
  GetUICustomization: getUICustomization,
  SetUICustomization: setUICustomization,
  UpdateManagedLoginBranding: updateManagedLoginBranding,
} satisfies OperationTable;
