// A High Assurance session stays so for the org's window (SPEC B5, default 60 min); after it,
// the session is Standard again and sensitive actions step up (L10).
import type { SessionLevel } from "@db/generated";

export function currentLevel(
  session: { level: SessionLevel; highAssuranceUntil: Date | null },
  nowMs: number = Date.now(),
): { level: SessionLevel; until: Date | null } {
  if (session.level === "HIGH_ASSURANCE" && session.highAssuranceUntil && session.highAssuranceUntil.getTime() > nowMs) {
    return { level: "HIGH_ASSURANCE", until: session.highAssuranceUntil };
  }
  return { level: "STANDARD", until: null };
}
