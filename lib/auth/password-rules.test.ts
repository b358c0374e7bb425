import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./password-blocklist";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH_BOUNDS,
  PASSWORD_MIN_LENGTH_DEFAULT,
  passwordProblemMessage,
  passwordProblems,
  type PasswordProblem,
  type PasswordRulesContext,
} from "./password-rules";

const CTX: PasswordRulesContext = {
  minLength: PASSWORD_MIN_LENGTH_DEFAULT,
  username: "jordan.lee@example.com",
  orgName: "Northwind Traders",
  isCommon: isCommonPassword,
};

// Checked against @zxcvbn-ts/language-common 4.1.3: none of these is in its password list.
const PASSPHRASE = "violet tractor lagoon ninety";
const LOWERCASE_12 = "mossyteapots";

const problems = (password: string, ctx: Partial<PasswordRulesContext> = {}) => passwordProblems(password, { ...CTX, ...ctx });

describe("passwordProblems: length", () => {
  it("counts code points: the minimum is inclusive, one fewer is too short", () => {
    expect(problems("a".repeat(11) + "z")).toEqual([]);
    expect(problems("k".repeat(11))).toEqual(["TOO_SHORT"]);
    expect(problems("")).toEqual(["TOO_SHORT"]);
  });

  it("counts an emoji as one character, although it is two UTF-16 units", () => {
    expect("😀".repeat(11).length).toBe(22);
    expect(problems("😀".repeat(11))).toEqual(["TOO_SHORT"]);
    expect(problems("😀".repeat(12))).toEqual([]);
    expect(problems("😀".repeat(PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(problems("😀".repeat(PASSWORD_MAX_LENGTH + 1))).toEqual(["TOO_LONG"]);
  });

  it("counts after NFC normalization, so a decomposed accent is not a second character", () => {
    const decomposedE = "e\u0301"; // two code points that NFC composes into "é"
    expect(problems(decomposedE.repeat(11))).toEqual(["TOO_SHORT"]);
    expect(problems(decomposedE.repeat(12))).toEqual([]);
  });

  it("allows exactly the maximum and refuses one more", () => {
    expect(problems("q".repeat(PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(problems("q".repeat(PASSWORD_MAX_LENGTH + 1))).toEqual(["TOO_LONG"]);
  });

  it("follows the org's minimum, clamped to the bounds", () => {
    expect(problems("ziggurats", { minLength: 9 })).toEqual([]);
    expect(problems("ziggurats", { minLength: 10 })).toEqual(["TOO_SHORT"]);
    // A corrupt setting cannot take the floor below NIST's 8 or above 64.
    expect(problems("tangelo", { minLength: 4 })).toEqual(["TOO_SHORT"]);
    expect(problems("w".repeat(PASSWORD_MIN_LENGTH_BOUNDS.max), { minLength: 100 })).toEqual([]);
    expect(problems("w".repeat(PASSWORD_MIN_LENGTH_DEFAULT - 1), { minLength: Number.NaN })).toEqual(["TOO_SHORT"]);
  });
});

describe("passwordProblems: characters", () => {
  it("has no composition rules: a lowercase-only passphrase of the minimum length passes", () => {
    expect(isCommonPassword(LOWERCASE_12)).toBe(false);
    expect(problems(LOWERCASE_12)).toEqual([]);
    expect(problems(PASSPHRASE)).toEqual([]);
  });

  it("accepts spaces, punctuation, accents and emoji", () => {
    expect(problems("  café au lait, s'il vous plaît 🙂  ")).toEqual([]);
  });

  it.each([
    ["NUL", "\u0000"],
    ["tab", "\t"],
    ["newline", "\n"],
    ["unit separator", "\u001F"],
    ["DEL", "\u007F"],
  ])("refuses a %s", (_name, control) => {
    expect(problems(`${PASSPHRASE}${control}`)).toEqual(["INVALID_CHARACTERS"]);
  });
});

describe("passwordProblems: context", () => {
  it("refuses the username, ignoring case", () => {
    expect(problems("jordan.lee@example.com")).toEqual(["IS_USERNAME"]);
    expect(problems("Jordan.Lee@Example.COM")).toEqual(["IS_USERNAME"]);
    expect(problems("margaretha12", { username: "margaretha12" })).toEqual(["IS_USERNAME"]);
  });

  it("refuses the local part of an email username of 4 characters or more", () => {
    expect(problems("Jordan.Lee")).toEqual(["TOO_SHORT", "IS_USERNAME"]);
    expect(problems("margaretha", { username: "margaretha@example.com", minLength: 8 })).toEqual(["IS_USERNAME"]);
    expect(problems("abcd", { username: "abcd@example.com" })).toEqual(["TOO_SHORT", "IS_USERNAME"]);
    expect(problems("bob", { username: "bob@example.com" })).not.toContain("IS_USERNAME");
  });

  it("does not refuse a password that merely contains the username", () => {
    expect(problems("jordan.lee rides a tandem")).toEqual([]);
  });

  it("refuses the org name, ignoring case and spaces", () => {
    for (const password of ["Northwind Traders", "northwindtraders", "NORTH WIND  TRADERS"]) {
      expect(problems(password)).toEqual(["IS_ORG_NAME"]);
    }
    expect(problems("Northwind Traders 2024")).toEqual([]);
  });

  it("ignores an empty username or org name instead of matching everything empty", () => {
    expect(problems("", { username: "", orgName: " " })).toEqual(["TOO_SHORT"]);
  });
});

describe("passwordProblems: blocklist", () => {
  it("refuses breached passwords, ignoring case", () => {
    for (const password of ["password1", "qwerty123", "iloveyou", "trustno1", "p@ssw0rd"]) {
      expect(isCommonPassword(password)).toBe(true);
      expect(problems(password, { minLength: 8 })).toEqual(["COMMON"]);
    }
    expect(problems("LeaveMeAlone")).toEqual(["COMMON"]);
    expect(problems("QWERTY123456")).toEqual(["COMMON"]);
    expect(problems("qwerty123")).toEqual(["TOO_SHORT", "COMMON"]);
  });

  it("passes a long random passphrase", () => {
    expect(isCommonPassword(PASSPHRASE)).toBe(false);
    expect(problems(PASSPHRASE)).toEqual([]);
  });

  it("reports COMMON only when given a checker", () => {
    expect(problems("LeaveMeAlone", { isCommon: undefined })).toEqual([]);
  });
});

describe("passwordProblems: confirmation", () => {
  it("reports a differing confirmation, and nothing when it matches or is absent", () => {
    expect(problems(PASSPHRASE, { confirm: `${PASSPHRASE} ` })).toEqual(["MISMATCH"]);
    expect(problems(PASSPHRASE, { confirm: "" })).toEqual(["MISMATCH"]);
    expect(problems(PASSPHRASE, { confirm: PASSPHRASE })).toEqual([]);
    expect(problems(PASSPHRASE)).toEqual([]);
  });

  it("treats NFC-equivalent spellings as the same password", () => {
    expect(problems("crème brûlée à deux", { confirm: "cre\u0300me bru\u0302le\u0301e a\u0300 deux" })).toEqual([]);
  });

  it("lists every problem at once, in a fixed order", () => {
    expect(problems("northwind", { orgName: "North Wind", username: "northwind", confirm: "x" })).toEqual([
      "TOO_SHORT",
      "IS_USERNAME",
      "IS_ORG_NAME",
      "MISMATCH",
    ]);
  });
});

describe("passwordProblemMessage", () => {
  it("says the org's minimum, clamped like the rule", () => {
    expect(passwordProblemMessage("TOO_SHORT", 12)).toBe("Use at least 12 characters.");
    expect(passwordProblemMessage("TOO_SHORT", 4)).toBe("Use at least 8 characters.");
    expect(passwordProblemMessage("TOO_LONG", 12)).toBe("Use at most 128 characters.");
  });

  it("has a sentence for every problem", () => {
    const all: PasswordProblem[] = ["TOO_SHORT", "TOO_LONG", "INVALID_CHARACTERS", "IS_USERNAME", "IS_ORG_NAME", "COMMON", "MISMATCH"];
    const messages = all.map((problem) => passwordProblemMessage(problem, 12));
    expect(new Set(messages).size).toBe(all.length);
    for (const message of messages) expect(message).toMatch(/^[A-Z].*\.$/);
  });
});
