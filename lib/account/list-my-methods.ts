// "My security" (SPEC B7): the signed-in user's own verification methods — each authenticator app
// and each security key or passkey — with when it was registered and last used.
import type { OrgDb } from "@/lib/db/tenant";

export type MethodKind = "TOTP" | "WEBAUTHN";

export interface MyMethod {
  id: string;
  kind: MethodKind;
  name: string;
  /** For passkeys: "Passkey" or "Passkey, synced" (a backed-up multi-device credential). */
  description: string | null;
  registeredAt: Date;
  lastUsedAt: Date | null;
}

export async function listMyMethods(orgDb: OrgDb, opts: { userId: string }): Promise<MyMethod[]> {
  const [apps, keys] = await Promise.all([
    orgDb.totpFactor.findMany({ where: { userId: opts.userId, verifiedAt: { not: null } }, orderBy: { createdAt: "asc" } }),
    orgDb.webAuthnCredential.findMany({ where: { userId: opts.userId }, orderBy: { createdAt: "asc" } }),
  ]);
  return [
    ...apps.map((a) => ({
      id: a.id,
      kind: "TOTP" as const,
      name: a.name,
      description: null,
      registeredAt: a.verifiedAt ?? a.createdAt,
      lastUsedAt: a.lastUsedAt,
    })),
    ...keys.map((k) => ({
      id: k.id,
      kind: "WEBAUTHN" as const,
      name: k.name,
      description: k.deviceType === "multiDevice" ? (k.backedUp ? "Passkey, synced" : "Passkey") : null,
      registeredAt: k.createdAt,
      lastUsedAt: k.lastUsedAt,
    })),
  ];
}
