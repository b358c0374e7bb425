// docs/decisions/014: no <Link> prefetches — each one is a server render of a per-user, dynamic
// page the person usually never opens (14 per login, 25 per users page, 50 per history page), and
// some targets do work when rendered. A new Link without prefetch={false} fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".tsx"))
    .map((f) => path.join(dir, f));
}

describe("links", () => {
  it("are never prefetched", () => {
    const offending: string[] = [];
    let links = 0;
    for (const file of [...sources("app"), ...sources("components")]) {
      const text = readFileSync(file, "utf8");
      // Each <Link …> opening tag, across lines, up to its closing ">".
      for (const match of text.matchAll(/<Link\b([^>]*?)>/gs)) {
        links++;
        if (!/prefetch=\{false\}/.test(match[1]!)) offending.push(`${file}: ${match[0].replace(/\s+/g, " ").slice(0, 80)}`);
      }
    }
    expect(links).toBeGreaterThan(40);
    expect(offending).toEqual([]);
  });
});
