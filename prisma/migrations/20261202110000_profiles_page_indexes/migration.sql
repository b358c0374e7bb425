-- Setup > Profiles at 100,000 users (issue 11): each profile's user count from an index alone, and
-- the Api Only users found by array containment instead of reading every user.

-- CreateIndex
CREATE INDEX "users_org_id_profile_id_idx" ON "users"("org_id", "profile_id");

-- CreateIndex
CREATE INDEX "users_extra_permissions_idx" ON "users" USING GIN ("extra_permissions");

