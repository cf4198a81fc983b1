import type { ClientSecretDescriptorType } from "@aws-sdk/client-cognito-identity-provider";
import {
  clientHasNoSecret,
  clientSecretLimitReached,
  clientSecretNotFound,
  lastClientSecret,
} from "../../errors/catalogue.js";
import { newClientSecret } from "../clients/appClient.js";
import type { ClientRecord, ClientSecret } from "../clients/types.js";
import type { Random } from "../random.js";

/** "Supports up to 2 active secrets per app client" (AddUserPoolClientSecret's API reference). */
export const MAX_CLIENT_SECRETS = 2;

/** `<client id>--<epoch milliseconds of its creation>`, the form AWS documents (in milliseconds: docs/behaviour.md#client-secrets). */
export function clientSecretId(client: ClientRecord, secret: ClientSecret): string {
  return `${client.clientId}--${secret.createdAt.getTime()}`;
}

/** What ListUserPoolClientSecrets reports of a secret: never its value. */
export function toSecretDescriptor(client: ClientRecord, secret: ClientSecret): ClientSecretDescriptorType {
  return { ClientSecretId: clientSecretId(client, secret), ClientSecretCreateDate: secret.createdAt };
}

/**
 * AddUserPoolClientSecret: a confidential client gains a second secret, the given one or a generated one.
 * A second secret created in the same millisecond as the first is dated one millisecond later, so the two
 * ids differ. Returns the client's new secrets and the added one.
 */
export function withAddedSecret(
  client: ClientRecord,
  given: string | undefined,
  identity: { random: Random; now: Date },
): { secrets: ClientSecret[]; added: ClientSecret } {
  if (client.secrets.length === 0) throw clientHasNoSecret(client.clientId);
  if (client.secrets.length >= MAX_CLIENT_SECRETS) throw clientSecretLimitReached(MAX_CLIENT_SECRETS);
  const newest = Math.max(...client.secrets.map((secret) => secret.createdAt.getTime()));
  const added: ClientSecret = {
    value: given ?? newClientSecret(identity.random),
    createdAt: new Date(Math.max(identity.now.getTime(), newest + 1)),
  };
  return { secrets: [...client.secrets, added], added };
}

/** DeleteUserPoolClientSecret: the named secret goes, unless it is the client's last. */
export function withoutSecret(client: ClientRecord, secretId: string): ClientSecret[] {
  const remaining = client.secrets.filter((secret) => clientSecretId(client, secret) !== secretId);
  if (remaining.length === client.secrets.length) throw clientSecretNotFound(secretId);
  if (remaining.length === 0) throw lastClientSecret();
  return remaining;
}
