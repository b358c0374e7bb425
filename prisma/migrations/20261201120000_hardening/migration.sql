-- Hardening (issue 8): rate-limit counters shared by every app instance (SPEC L13); requests of
-- the second-administrator policy for every way around an administrator's factors, also from the
-- break-glass CLI (B3); and when a user last lost administrator rights, so a demotion cannot
-- turn a request into an immediate action.

-- CreateEnum
CREATE TYPE "ApprovalAction" AS ENUM ('RESET_MFA', 'DISCONNECT_METHOD', 'TEMP_CODE');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "admin_rights_removed_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "mfa_reset_approvals" ADD COLUMN     "action" "ApprovalAction" NOT NULL DEFAULT 'RESET_MFA',
ADD COLUMN     "params" JSONB,
ADD COLUMN     "requested_by_label" TEXT,
ALTER COLUMN "requested_by_id" DROP NOT NULL;

-- CreateTable
CREATE TABLE "rate_limit_counters" (
    "key" VARCHAR(128) NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "hits" INTEGER NOT NULL,
    "refusal_reported" BOOLEAN NOT NULL DEFAULT false,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_counters_pkey" PRIMARY KEY ("key","window_start")
);

-- CreateIndex
CREATE INDEX "rate_limit_counters_expires_at_idx" ON "rate_limit_counters"("expires_at");


-- A login attempt updates its user's row (the lockout slot, lib/security/lockout.ts). Room on
-- each page lets Postgres update it in place (HOT), without touching the name and username
-- trigram indexes: otherwise a wrong password of a real user would cost measurably more than one
-- of an unknown name (SPEC L1, tests/integration/password-timing.test.ts).
ALTER TABLE "users" SET (fillfactor = 80);
