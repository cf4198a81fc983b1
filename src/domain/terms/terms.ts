import type {
  CreateTermsRequest,
  TermsDescriptionType,
  TermsType,
  UpdateTermsRequest,
} from "@aws-sdk/client-cognito-identity-provider";
import { termsExist, termsLinksRequired, termsNotFound } from "../../errors/catalogue.js";
import { StorageConflictError } from "../ports/errors.js";
import type { Store } from "../ports/store.js";
import type { Random } from "../random.js";
import type { TermsRecord } from "./types.js";

/** CreateTerms: a document of the client, named for its kind; its links are required (docs/behaviour.md#terms-documents). */
export function newTerms(
  request: Pick<CreateTermsRequest, "Links"> & { TermsName: string; TermsSource: string; Enforcement: string },
  identity: { poolId: string; clientId: string; random: Random; now: Date },
): TermsRecord {
  if (request.Links === undefined) throw termsLinksRequired();
  return {
    termsId: identity.random.uuid(),
    poolId: identity.poolId,
    clientId: identity.clientId,
    name: request.TermsName,
    source: request.TermsSource,
    enforcement: request.Enforcement,
    links: request.Links,
    createdAt: identity.now,
    lastModifiedAt: identity.now,
  };
}

/** UpdateTerms: what the request gives replaces, what it omits stays. */
export function updatedTerms(terms: TermsRecord, request: UpdateTermsRequest, now: Date): TermsRecord {
  return {
    ...terms,
    name: request.TermsName ?? terms.name,
    source: request.TermsSource ?? terms.source,
    enforcement: request.Enforcement ?? terms.enforcement,
    links: request.Links ?? terms.links,
    lastModifiedAt: now,
  };
}

export async function requireTerms(store: Store, poolId: string, termsId: string): Promise<TermsRecord> {
  const terms = await store.terms.get(poolId, termsId);
  if (terms === undefined) throw termsNotFound(termsId);
  return terms;
}

/** Writes new or changed terms; a name the client already uses for other terms is TermsExistsException. */
export async function storeTerms(store: Store, terms: TermsRecord, write: "create" | "update"): Promise<void> {
  try {
    if (write === "create") await store.terms.create(terms);
    else if (!(await store.terms.update(terms))) throw termsNotFound(terms.termsId);
  } catch (error) {
    throw error instanceof StorageConflictError ? termsExist(terms.name, terms.clientId) : error;
  }
}

export function toTermsType(terms: TermsRecord): TermsType {
  return {
    TermsId: terms.termsId,
    UserPoolId: terms.poolId,
    ClientId: terms.clientId,
    TermsName: terms.name,
    TermsSource: terms.source as TermsType["TermsSource"],
    Enforcement: terms.enforcement as TermsType["Enforcement"],
    Links: terms.links,
    CreationDate: terms.createdAt,
    LastModifiedDate: terms.lastModifiedAt,
  };
}

export function toTermsDescription(terms: TermsRecord): TermsDescriptionType {
  return {
    TermsId: terms.termsId,
    TermsName: terms.name,
    Enforcement: terms.enforcement as TermsDescriptionType["Enforcement"],
    CreationDate: terms.createdAt,
    LastModifiedDate: terms.lastModifiedAt,
  };
}
