import { describe, expect, it } from "vitest";
import { searchPieces } from "./search-match";

const marked = (text: string, q: string, field: "name" | "username" = "name") =>
  searchPieces(text, q, field)
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join("");

describe("search highlight pieces", () => {
  it("marks every case-insensitive occurrence of 3+ characters, keeping the text's own case", () => {
    expect(marked("Anna Annaberg", "ANN")).toBe("[Ann]a [Ann]aberg");
    expect(marked("bob@acme.test", "acme", "username")).toBe("bob@[acme].test");
  });

  it("marks 1–2 characters only where the query matches them: a word start, the username's start", () => {
    expect(marked("Jo Major Jones", "jo")).toBe("[Jo] Major [Jo]nes");
    expect(marked("jo.major@acme.test", "jo", "username")).toBe("[jo].major@acme.test");
    expect(marked("major@acme.test", "jo", "username")).toBe("major@acme.test");
  });

  it("takes regex-special characters literally", () => {
    expect(marked("a.b (c) [d]* $e^ | f\\g", ".b (")).toBe("a[.b (]c) [d]* $e^ | f\\g");
    expect(marked("x+y?z", "+y?")).toBe("x[+y?]z");
    expect(marked("axb", "a.b")).toBe("axb");
    expect(marked("path/to\\it", "/to\\")).toBe("path[/to\\]it");
  });

  it("keeps hostile text as text: pieces join back to the original, markup included", () => {
    const hostile = `<img src=x onerror=alert(1)> "><script>`;
    const pieces = searchPieces(hostile, "<script", "name");
    expect(pieces.map((p) => p.text).join("")).toBe(hostile);
    expect(pieces.filter((p) => p.match).map((p) => p.text)).toEqual(["<script"]);
  });

  it("marks nothing without a query or without a match", () => {
    expect(searchPieces("Alice", undefined, "name")).toEqual([{ text: "Alice", match: false }]);
    expect(searchPieces("Alice", "   ", "name")).toEqual([{ text: "Alice", match: false }]);
    expect(searchPieces("Alice", "zzz", "name")).toEqual([{ text: "Alice", match: false }]);
  });
});
