// Deterministic secrets for tests; never used outside them.
process.env.MFA_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.NEXTAUTH_SECRET ??= "test-nextauth-secret-not-for-production";
export {};
