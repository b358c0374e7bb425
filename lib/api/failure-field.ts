// A refusal that is about one field of a console form: shown beside that field, not at the top.
import type { ErrorCode } from "@/lib/errors";

const FIELD_OF: Partial<Record<ErrorCode, string>> = {
  USERNAME_UNAVAILABLE: "username",
  PROFILE_NOT_FOUND: "profileId",
  PERMISSION_ESCALATION: "profileId",
  REASON_REQUIRED: "reason",
  TEMP_CODE_EXPIRY_OUT_OF_RANGE: "expiresInHours",
  STEP_UP_WARNINGS_UNCONFIRMED: "confirmStepUpWarnings",
};

export function fieldOfFailure(code: ErrorCode): string | undefined {
  return FIELD_OF[code];
}
