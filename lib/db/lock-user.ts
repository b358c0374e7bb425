// The lock order of every transaction that touches a user's login state (docs/decisions/009):
// the user's row first, then whatever else. Logins, step-ups and admin actions that change a
// user's methods, sessions or logins in progress all start here (or with an UPDATE of that row,
// lib/security/lockout.ts settleSuccess), so two of them can wait for each other but never
// deadlock. FOR NO KEY UPDATE: it serialises these transactions without blocking the foreign-key
// checks of rows that merely point at the user (events, sessions).
export interface RawLocker {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
}

/** False when no such user exists in that org. */
export async function lockUserRow(tx: RawLocker, user: { id: string; orgId: string }): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE id = ${user.id}::uuid AND org_id = ${user.orgId}::uuid FOR NO KEY UPDATE`;
  return rows.length === 1;
}
