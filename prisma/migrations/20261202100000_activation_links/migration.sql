-- Passwords and activation (issue 10, SPEC W1–W4): one-time activation links, stored hashed;
-- the org's link lifetime and shortest password; when a user last set their password.

-- CreateEnum
CREATE TYPE "ActivationPurpose" AS ENUM ('NEW_USER', 'PASSWORD_RESET');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ActivityKind" ADD VALUE 'ACCOUNT_ACTIVATED';
ALTER TYPE "ActivityKind" ADD VALUE 'PASSWORD_RESET';
ALTER TYPE "ActivityKind" ADD VALUE 'PASSWORD_CHANGED';

-- AlterEnum
ALTER TYPE "ApprovalAction" ADD VALUE 'RESET_PASSWORD';

-- AlterTable
ALTER TABLE "org_settings" ADD COLUMN     "activation_link_hours" INTEGER NOT NULL DEFAULT 72,
ADD COLUMN     "password_min_length" INTEGER NOT NULL DEFAULT 12;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "password_changed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "activation_links" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "purpose" "ActivationPurpose" NOT NULL,
    "created_by_id" UUID,
    "created_by_label" TEXT,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activation_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "activation_links_token_hash_key" ON "activation_links"("token_hash");

-- CreateIndex
CREATE INDEX "activation_links_org_id_user_id_idx" ON "activation_links"("org_id", "user_id");

-- AddForeignKey
ALTER TABLE "activation_links" ADD CONSTRAINT "activation_links_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activation_links" ADD CONSTRAINT "activation_links_org_id_user_id_fkey" FOREIGN KEY ("org_id", "user_id") REFERENCES "users"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

