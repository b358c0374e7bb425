-- SPEC V2/V5: filtering the verification history by a rare activity or by status, and counting
-- failures per day, stay fast at 1,000,000 events in one org.
-- CreateIndex
CREATE INDEX "verification_events_org_id_activity_occurred_at_id_idx" ON "verification_events"("org_id", "activity", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "verification_events_org_id_status_occurred_at_id_idx" ON "verification_events"("org_id", "status", "occurred_at" DESC, "id" DESC);
