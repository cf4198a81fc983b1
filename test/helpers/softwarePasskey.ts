import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

/*
 * A passkey authenticator in software, for tests: an ES256 key pair made with node:crypto, answering
 * navigator.credentials.create() and get() options as a browser would (RegistrationResponseJSON with a
 * "none" attestation, AuthenticationResponseJSON), built byte by byte after the WebAuthn spec
 * (§6.1 authenticator data, §6.5.4 attestation object, §5.8.1 client data). Only the CBOR encoder is
 * borrowed from @simplewebauthn/server's helpers.
 */

/** How the page and the authenticator behave: where the page is, whether the user was verified, which RP the authenticator hashes. */
export interface CeremonyOptions {
  origin?: string;
  userVerified?: boolean;
  /** The relying party the authenticator binds to, when it differs from the options' (a forged answer). */
  rpId?: string;
  /** The challenge the browser signed, when it differs from the options'. */
  challenge?: string;
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

export class SoftwarePasskey {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  counter = 0;

  constructor(private readonly defaultOrigin: string) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: "jwk" });
    this.publicJwk = { x: jwk.x!, y: jwk.y! };
  }

  get id(): string {
    return this.credentialId.toString("base64url");
  }

  /** The answer to CredentialCreationOptions (PublicKeyCredentialCreationOptionsJSON). */
  register(options: Record<string, any>, ceremony: CeremonyOptions = {}): Record<string, unknown> {
    const rpId: string = ceremony.rpId ?? options.rp.id;
    const clientDataJSON = this.clientData("webauthn.create", ceremony.challenge ?? options.challenge, ceremony);
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(this.publicJwk.x, "base64url")],
      [-3, Buffer.from(this.publicJwk.y, "base64url")],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      this.authDataHead(rpId, FLAG_AT, ceremony),
      Buffer.alloc(16),
      idLength,
      this.credentialId,
      Buffer.from(isoCBOR.encode(coseKey)),
    ]);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]) as never);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        attestationObject: Buffer.from(attestationObject).toString("base64url"),
        transports: ["internal", "hybrid"],
      },
      clientExtensionResults: { credProps: { rk: true } },
      authenticatorAttachment: "platform",
    };
  }

  /** The answer to CREDENTIAL_REQUEST_OPTIONS (PublicKeyCredentialRequestOptionsJSON), counting one use. */
  assert(options: Record<string, any>, ceremony: CeremonyOptions & { userHandle?: string } = {}): Record<string, unknown> {
    this.counter += 1;
    const clientDataJSON = this.clientData("webauthn.get", ceremony.challenge ?? options.challenge, ceremony);
    const authenticatorData = this.authDataHead(ceremony.rpId ?? options.rpId, 0, ceremony);
    const signature = sign("sha256", Buffer.concat([authenticatorData, createHash("sha256").update(clientDataJSON).digest()]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      response: {
        clientDataJSON: clientDataJSON.toString("base64url"),
        authenticatorData: authenticatorData.toString("base64url"),
        signature: signature.toString("base64url"),
        ...(ceremony.userHandle === undefined ? {} : { userHandle: ceremony.userHandle }),
      },
      clientExtensionResults: {},
      authenticatorAttachment: "platform",
    };
  }

  private clientData(type: string, challenge: string, ceremony: CeremonyOptions): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: ceremony.origin ?? this.defaultOrigin, crossOrigin: false }), "utf8");
  }

  private authDataHead(rpId: string, extraFlags: number, ceremony: CeremonyOptions): Buffer {
    const flags = FLAG_UP | (ceremony.userVerified === false ? 0 : FLAG_UV) | extraFlags;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(this.counter);
    return Buffer.concat([createHash("sha256").update(rpId).digest(), Buffer.from([flags]), counter]);
  }
}
