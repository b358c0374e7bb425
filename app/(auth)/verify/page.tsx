import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { challengePathFor } from "@/lib/auth/challenge-paths";
import { readPendingCookie } from "@/lib/next/pending-cookie";

/** "Use another method": back to the login's first challenge. */
export default async function VerifyIndexPage() {
  const token = await readPendingCookie();
  const db = await getDb();
  const pending = (await findPendingLogin(db, { token, stage: "MFA_CHALLENGE" })) ?? (await findPendingLogin(db, { token, stage: "ENROLLMENT" }));
  redirect(pending ? challengePathFor(pending) : "/login");
}
