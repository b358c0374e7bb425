// Rules for choosing a password, after NIST SP 800-63B §3.1.1.2: a minimum and maximum length,
// any printable character, no composition rules ("one digit, one symbol"), and a refusal of
// passwords that are common or derived from the account's context.
// Shared by the server (which enforces) and the browser (which explains while the user types), so
// this file imports nothing: the blocklist is passed in as `isCommon`, which keeps its ~50,000
// entries out of every client bundle that only needs the rules.

export const PASSWORD_MAX_LENGTH = 128; // code points; see passwordLengthCodePoints
export const PASSWORD_MIN_LENGTH_DEFAULT = 12;
// 8 is NIST's floor; above 64 a minimum stops passphrases of ordinary words from fitting.
export const PASSWORD_MIN_LENGTH_BOUNDS = { min: 8, max: 64 } as const;

export type PasswordProblem =
  | "TOO_SHORT"
  | "TOO_LONG"
  | "INVALID_CHARACTERS"
  | "IS_USERNAME"
  | "IS_ORG_NAME"
  | "COMMON"
  | "MISMATCH"
  /** Change password only: the server alone can tell (it holds the hash). */
  | "SAME_AS_CURRENT";

export type PasswordRulesContext = {
  /** The org's setting; clamped to PASSWORD_MIN_LENGTH_BOUNDS so a bad value cannot drop the floor. */
  minLength: number;
  username: string;
  orgName: string;
  /** The "type it again" field, when the form has one. */
  confirm?: string;
  /**
   * Blocklist check. The server must pass `isCommonPassword` (lib/auth/password-blocklist.ts):
   * without it "COMMON" is never reported.
   */
  isCommon?: (password: string) => boolean;
};

// Below an email's local part of 4 characters ("bob@…", "al@…") the match would refuse too little
// to matter and would mostly surprise people.
const EMAIL_LOCAL_PART_MIN_LENGTH = 4;

// C0 controls and DEL: a keyboard cannot type them, and NUL truncates strings in C-based storage.
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F]/u;

// NIST counts each Unicode code point as one character, after normalization; without NFC, "é"
// typed as e + combining accent would count 2 here and 1 on another keyboard.
function passwordLengthCodePoints(normalized: string): number {
  let lengthCodePoints = 0;
  for (const _codePoint of normalized) lengthCodePoints++;
  return lengthCodePoints;
}

function effectiveMinLength(minLength: number): number {
  if (!Number.isInteger(minLength)) return PASSWORD_MIN_LENGTH_DEFAULT;
  return Math.min(Math.max(minLength, PASSWORD_MIN_LENGTH_BOUNDS.min), PASSWORD_MIN_LENGTH_BOUNDS.max);
}

const fold = (text: string) => text.normalize("NFC").toLowerCase();

function isUsername(password: string, username: string): boolean {
  const name = fold(username);
  if (name === "") return false;
  if (password === name) return true;
  const atIndex = name.lastIndexOf("@");
  if (atIndex <= 0) return false;
  const localPart = name.slice(0, atIndex);
  return passwordLengthCodePoints(localPart) >= EMAIL_LOCAL_PART_MIN_LENGTH && password === localPart;
}

function isOrgName(password: string, orgName: string): boolean {
  const withoutSpaces = (text: string) => fold(text).replace(/\s+/gu, "");
  const name = withoutSpaces(orgName);
  return name !== "" && withoutSpaces(password) === name;
}

/** Every rule the password breaks, in a fixed order; empty when it is acceptable. */
export function passwordProblems(password: string, ctx: PasswordRulesContext): PasswordProblem[] {
  const normalized = password.normalize("NFC");
  const folded = normalized.toLowerCase();
  const lengthCodePoints = passwordLengthCodePoints(normalized);
  const problems: PasswordProblem[] = [];
  if (lengthCodePoints < effectiveMinLength(ctx.minLength)) problems.push("TOO_SHORT");
  if (lengthCodePoints > PASSWORD_MAX_LENGTH) problems.push("TOO_LONG");
  if (CONTROL_CHARACTER.test(normalized)) problems.push("INVALID_CHARACTERS");
  if (isUsername(folded, ctx.username)) problems.push("IS_USERNAME");
  if (isOrgName(folded, ctx.orgName)) problems.push("IS_ORG_NAME");
  if (ctx.isCommon?.(normalized)) problems.push("COMMON");
  if (ctx.confirm !== undefined && ctx.confirm.normalize("NFC") !== normalized) problems.push("MISMATCH");
  return problems;
}

/** One sentence per problem, for the form; `minLength` is the same value passed to passwordProblems. */
export function passwordProblemMessage(problem: PasswordProblem, minLength: number): string {
  switch (problem) {
    case "TOO_SHORT":
      return `Use at least ${effectiveMinLength(minLength)} characters.`;
    case "TOO_LONG":
      return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    case "INVALID_CHARACTERS":
      return "Use only characters you can type (no control characters).";
    case "IS_USERNAME":
      return "Don't use your username.";
    case "IS_ORG_NAME":
      return "Don't use the organization's name.";
    case "COMMON":
      return "This password is too common — it appears in lists of breached passwords. Choose another.";
    case "MISMATCH":
      return "The passwords don't match.";
    case "SAME_AS_CURRENT":
      return "Choose a password different from your current one.";
  }
}
