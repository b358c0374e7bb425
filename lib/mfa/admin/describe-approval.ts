// How a pending B3 request reads on the user's page and in the approver's dialog.
import type { ApprovalAction, Prisma } from "@db/generated";

export function describeApproval(request: { action: ApprovalAction; params: Prisma.JsonValue }): { title: string; effect: string } {
  const params = (request.params ?? {}) as { name?: unknown; expiresInHours?: unknown; maxUses?: unknown };
  if (request.action === "DISCONNECT_METHOD") {
    const name = typeof params.name === "string" ? params.name : "a verification method";
    return { title: `Disconnect "${name}"`, effect: `"${name}" is removed; the user's other methods stay.` };
  }
  if (request.action === "TEMP_CODE") {
    const hours = typeof params.expiresInHours === "number" ? params.expiresInHours : 1;
    const uses = typeof params.maxUses === "number" ? `, at most ${params.maxUses} use${params.maxUses === 1 ? "" : "s"}` : "";
    return {
      title: `Temporary verification code (${hours} ${hours === 1 ? "hour" : "hours"}${uses})`,
      effect: "A code is generated now and shown to you once: give it to the user. It bypasses their other methods until it expires.",
    };
  }
  if (request.action === "RESET_PASSWORD") {
    return {
      title: "Password reset",
      effect:
        "The user's password stops working and their sessions end. A new activation link is shown to you once: give it to the user. Their verification methods stay.",
    };
  }
  return { title: "MFA reset", effect: "All of the user's verification methods and recovery codes are removed and their sessions end." };
}
