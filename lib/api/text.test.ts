// The one text rule of the shared schemas (issue 8, point 5): NUL and other control characters,
// lone surrogates and U+FFFD are refused with a field message; ordinary text of any script passes.
import { describe, expect, it } from "vitest";
import { isPlainText } from "./text";
import { reasonSchema, usernameSchema } from "./schemas";
import { userFieldsSchema } from "@/lib/users/user-schemas";
import { userFiltersSchema } from "@/lib/users/user-filters";

describe("plain text", () => {
  it.each(["Zoë Ångström", "李小龙", "O'Brien-Smith", "emoji 🔐 ok", "tab\tin a reason"])("accepts %j where lines may break", (text) => {
    expect(isPlainText(text, { multiline: true })).toBe(true);
  });
  it.each(["a\u0000b", "bell\u0007", "del\u007f", "c1\u0085", "lone \ud800 half", "lone \udc00 half", "broken \ufffd"])("refuses %j", (text) => {
    expect(isPlainText(text, { multiline: true })).toBe(false);
    expect(isPlainText(text)).toBe(false);
  });
  it("refuses line breaks in one-line fields only", () => {
    expect(isPlainText("two\nlines")).toBe(false);
    expect(isPlainText("two\nlines", { multiline: true })).toBe(true);
  });
  it("says which field, in the schemas every form and the API share", () => {
    expect(usernameSchema.safeParse("admin\u0000@acme.test").error?.issues[0]?.message).toBe("Remove the control or invalid characters from the username.");
    expect(reasonSchema.safeParse("Lost\u0000 phone").error?.issues[0]?.message).toBe("Remove the control or invalid characters from the reason.");
    expect(userFieldsSchema.shape.name.safeParse("Eve\ud800").error?.issues[0]?.message).toBe("Remove the control or invalid characters from the name.");
    expect(userFiltersSchema.shape.q.safeParse("jo\u0000").success).toBe(false);
    // A megabyte is refused for its length first, with that message.
    expect(reasonSchema.safeParse("x".repeat(1_000_000)).error?.issues[0]?.message).toBe("Keep the reason under 500 characters.");
  });
});
