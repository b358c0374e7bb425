// A software WebAuthn authenticator for integration tests: a real ES256 key pair from node:crypto,
// "none" attestation, authenticator data laid out byte by byte as WebAuthn §6.1 defines it, and
// clientDataJSON naming the challenge and origin it was given. The server therefore verifies
// real signatures over real structures; only the hardware is missing. Overrides let a test forge
// exactly one thing (another origin, an old counter, a broken signature).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoBase64URL, isoCBOR } from "@simplewebauthn/server/helpers";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;
const FLAG_ATTESTED_CREDENTIAL = 0x40;
const COSE = { kty: 1, alg: 3, crv: -1, x: -2, y: -3, EC2: 2, ES256: -7, P256: 1 } as const;

export interface Forgery {
  /** Origin written into clientDataJSON (default: the authenticator's). */
  origin?: string;
  /** RP ID whose hash starts authenticatorData (default: the authenticator's). */
  rpId?: string;
  /** Challenge written into clientDataJSON (default: the options' challenge). */
  challenge?: string;
  /** Signature counter to report instead of the next one. */
  counter?: number;
  /** Flip a bit of the signature. */
  breakSignature?: boolean;
  /** userHandle to return with an assertion (a passkey names its account). */
  userHandle?: string;
}

const b64url = (bytes: Uint8Array | Buffer) => isoBase64URL.fromBuffer(new Uint8Array(bytes));
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();
const uint32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

export class SoftAuthenticator {
  readonly credentialId: Buffer;
  readonly origin: string;
  readonly rpId: string;
  /** Keys that keep no counter report 0 every time. */
  readonly keepsCounter: boolean;
  counter = 0;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  /** credentialId: a real authenticator picks a random one; a forged one may copy another's. */
  constructor(opts: { origin?: string; rpId?: string; keepsCounter?: boolean; credentialId?: Buffer } = {}) {
    this.credentialId = opts.credentialId ?? randomBytes(16);
    this.origin = opts.origin ?? "http://localhost:3000";
    this.rpId = opts.rpId ?? "localhost";
    this.keepsCounter = opts.keepsCounter ?? true;
    const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  /** The credential id as the browser reports it (base64url). */
  get id(): string {
    return b64url(this.credentialId);
  }

  /** The public key as a COSE_Key (RFC 9053), as it appears in attestedCredentialData. */
  cosePublicKey(): Uint8Array {
    const jwk = this.publicKey.export({ format: "jwk" });
    const key = new Map<number, number | Uint8Array>([
      [COSE.kty, COSE.EC2],
      [COSE.alg, COSE.ES256],
      [COSE.crv, COSE.P256],
      [COSE.x, Buffer.from(jwk.x!, "base64url")],
      [COSE.y, Buffer.from(jwk.y!, "base64url")],
    ]);
    return isoCBOR.encode(key);
  }

  register(options: PublicKeyCredentialCreationOptionsJSON, forge: Forgery = {}): RegistrationResponseJSON {
    const attestedCredentialData = Buffer.concat([
      Buffer.alloc(16), // AAGUID: all zero, as "none" attestation allows
      Buffer.from([this.credentialId.length >> 8, this.credentialId.length & 0xff]),
      this.credentialId,
      this.cosePublicKey(),
    ]);
    const authData = this.authenticatorData(forge, FLAG_ATTESTED_CREDENTIAL, forge.counter ?? this.counter, attestedCredentialData);
    const attestation = new Map<string, string | Uint8Array | Map<string, string>>();
    attestation.set("fmt", "none");
    attestation.set("attStmt", new Map());
    attestation.set("authData", authData);
    const attestationObject = isoCBOR.encode(attestation);
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "cross-platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON: this.clientDataJSON("webauthn.create", options.challenge, forge),
        attestationObject: b64url(attestationObject),
        transports: ["usb"],
      },
    };
  }

  authenticate(options: PublicKeyCredentialRequestOptionsJSON, forge: Forgery = {}): AuthenticationResponseJSON {
    if (forge.counter === undefined && this.keepsCounter) this.counter += 1;
    const authData = this.authenticatorData(forge, 0, forge.counter ?? (this.keepsCounter ? this.counter : 0));
    const clientDataJSON = this.clientDataJSON("webauthn.get", options.challenge, forge);
    const signature = sign("sha256", Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, "base64url"))]), this.privateKey);
    if (forge.breakSignature) signature[signature.length - 1]! ^= 0x01;
    return {
      id: this.id,
      rawId: this.id,
      type: "public-key",
      authenticatorAttachment: "cross-platform",
      clientExtensionResults: {},
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(forge.userHandle ? { userHandle: forge.userHandle } : {}),
      },
    };
  }

  private authenticatorData(forge: Forgery, extraFlags: number, counter: number, attested?: Buffer): Buffer {
    const flags = FLAG_USER_PRESENT | FLAG_USER_VERIFIED | extraFlags;
    return Buffer.concat([sha256(forge.rpId ?? this.rpId), Buffer.from([flags]), uint32(counter), ...(attested ? [attested] : [])]);
  }

  private clientDataJSON(type: string, challenge: string, forge: Forgery): string {
    const json = JSON.stringify({ type, challenge: forge.challenge ?? challenge, origin: forge.origin ?? this.origin, crossOrigin: false });
    return Buffer.from(json, "utf8").toString("base64url");
  }
}
