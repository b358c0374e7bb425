/** What a code-challenge server action returns to its form. */
export interface CodeFormState {
  error?: string;
  /** The pending login is gone: the only way on is to log in again. */
  expired?: boolean;
  /** Single-use ticket for next-auth once the challenge is passed. */
  ticket?: string;
}
