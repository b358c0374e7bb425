// The "commonly used, expected or compromised" passwords NIST SP 800-63B asks verifiers to refuse:
// zxcvbn-ts's list of the most frequent passwords in public breach corpora (49,233 entries in
// @zxcvbn-ts/language-common 4.1.3). The strength meter loads this same module in the browser, so
// the form and the server refuse exactly the same passwords — keep it free of server-only imports.
import { dictionary } from "@zxcvbn-ts/language-common";

// Built on first call, not at import (about 12 ms and 1.3 MB of heap on a dev VM), so routes that
// import this module without checking a password do not pay for it. Importing the package still
// decompresses its word lists (~25 ms); that is the package's doing, at module load.
let commonPasswords: Set<string> | undefined;

/** Case-insensitive; compares the NFC form, as passwordProblems does. */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((entry) => String(entry).normalize("NFC").toLowerCase()));
  return commonPasswords.has(password.normalize("NFC").toLowerCase());
}
