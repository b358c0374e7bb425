-- REST API (issue 9, SPEC P1): a token acts as one user of its org; listed newest first in Setup.
-- No token was ever created before this migration (nothing issued them), so the column can be
-- required at once.

-- DropIndex
DROP INDEX "api_tokens_org_id_idx";

-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "acting_user_id" UUID NOT NULL;

-- CreateIndex
CREATE INDEX "api_tokens_org_id_created_at_idx" ON "api_tokens"("org_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_org_id_acting_user_id_fkey" FOREIGN KEY ("org_id", "acting_user_id") REFERENCES "users"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

