-- Setup > Users at 100,000 users (SPEC A1, bench/users-list.ts; docs/decisions/008):
-- the "Locked" filter read every user of the org to find a few dozen; the "Security key" filter
-- counted by hashing every user. These let Postgres read only the locked ones, and merge the
-- key holders with users (org_id, id) from two index-only scans.

-- CreateIndex
CREATE INDEX "users_org_id_locked_until_idx" ON "users"("org_id", "locked_until");

-- CreateIndex
CREATE INDEX "webauthn_credentials_org_id_user_id_idx" ON "webauthn_credentials"("org_id", "user_id");
