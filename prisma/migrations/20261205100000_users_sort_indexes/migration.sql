-- Setup > Users sorted by last login or created (issue 12, docs/decisions/017).
-- CreateIndex
CREATE INDEX "users_org_id_last_login_at_id_idx" ON "users"("org_id", "last_login_at", "id");

-- CreateIndex
CREATE INDEX "users_org_id_created_at_id_idx" ON "users"("org_id", "created_at", "id");

