// Shortcuts through the login steps that end at a security key: a pending login at enrollment or
// at the key challenge, and a key put straight into the table (as if registered earlier).
import type { Db } from "@/lib/db/client";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { ctx, DEMO_PASSWORD } from "./demo";
import type { SoftAuthenticator } from "./soft-authenticator";

export async function passwordStepTo(db: Db, username: string, expected: "ENROLL" | "WEBAUTHN" | "TEMP_CODE", nowMs = Date.now()): Promise<string> {
  const r = await startPasswordLogin(db, { username, password: DEMO_PASSWORD, context: ctx, nowMs });
  if (!r.ok || r.next !== expected) throw new Error(`expected ${expected} for ${username}, got ${JSON.stringify(r)}`);
  return r.pendingToken;
}

/** Registers the authenticator's key for a user directly, as a finished registration leaves it. */
export async function addKey(db: Db, username: string, key: SoftAuthenticator, name = "Test key"): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  await db.webAuthnCredential.create({
    data: {
      orgId: user.orgId,
      userId: user.id,
      name,
      credentialId: key.id,
      publicKey: new Uint8Array(key.cosePublicKey()),
      signCount: BigInt(key.counter),
      transports: ["usb"],
      deviceType: "singleDevice",
    },
  });
}

export async function storedKey(db: Db, key: SoftAuthenticator) {
  return db.webAuthnCredential.findUniqueOrThrow({ where: { credentialId: key.id } });
}
