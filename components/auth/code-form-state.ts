import type { FailureState } from "@/lib/next/failure-state";

/** What a code-challenge server action returns to its form. */
export interface CodeFormState extends Partial<FailureState> {
  /** Single-use ticket for next-auth once the challenge is passed. */
  ticket?: string;
  /** After a registration: the first recovery codes, shown once before the session starts. */
  recoveryCodes?: string[];
}
