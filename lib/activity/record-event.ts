// Appends one verification event. Callers pass their transaction client so the event commits
// with the change it describes (SPEC A10), or not at all.
import type { ActivityKind, EventStatus, Prisma, VerificationMethod } from "@db/generated";
import type { FailureReason } from "./kinds";
import type { ErrorCode } from "@/lib/errors";

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export interface EventInput {
  orgId: string;
  userId?: string | null;
  username?: string | null;
  actorId?: string | null;
  actorLabel?: string | null;
  activity: ActivityKind;
  method?: VerificationMethod | null;
  status: EventStatus;
  /** A failure reason, or for an API call the error code it answered with. */
  reason?: FailureReason | ErrorCode | null;
  context?: RequestContext;
  /** Never a secret: no passwords, codes, tokens or key material. */
  detail?: Prisma.InputJsonValue;
}

export interface EventWriter {
  verificationEvent: { create(args: { data: Prisma.VerificationEventUncheckedCreateInput; select: { id: true } }): Promise<unknown> };
}

export async function recordEvent(db: EventWriter, input: EventInput): Promise<void> {
  await db.verificationEvent.create({
    data: {
      orgId: input.orgId,
      userId: input.userId ?? null,
      username: input.username ?? null,
      actorId: input.actorId ?? null,
      actorLabel: input.actorLabel ?? null,
      activity: input.activity,
      method: input.method ?? null,
      status: input.status,
      reason: input.reason ?? null,
      ip: input.context?.ip?.slice(0, 64) ?? null,
      userAgent: input.context?.userAgent?.slice(0, 512) ?? null,
      detail: input.detail,
    },
    // Nothing is read back: the row's id alone keeps Prisma from parsing the whole event (hot on API calls).
    select: { id: true },
  });
}
