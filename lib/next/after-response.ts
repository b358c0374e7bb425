// Bookkeeping that must not delay an answer (a failed password's event and count, L1): run after
// the response is sent. A failure there is logged, never shown to the person who already left.
import { after } from "next/server";
import type { Defer } from "@/lib/auth/start-login";

export const afterResponse: Defer = (task) =>
  after(() =>
    task().catch((error: unknown) => {
      console.error("[after-response] bookkeeping failed:", error);
    }),
  );
