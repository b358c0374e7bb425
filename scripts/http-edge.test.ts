// What every request meets before Next.js (issue 8, points 5 and 6): a 413 over 1 MB, a 403 for a
// state-changing request from another site, a nonce CSP with object-src and base-uri locked, and
// HSTS only where the console is served over https.
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, malformedActionBody, MAX_BODY_BYTES, refuseAtEdge, transportSecurity } from "./http-edge.mjs";

const req = (method: string, headers: Record<string, string>) => ({ method, headers: { host: "localhost:3000", ...headers } });

describe("the HTTP edge", () => {
  it("refuses bodies over 1 MB, and a server action without a declared length", () => {
    expect(refuseAtEdge(req("POST", { "content-length": String(MAX_BODY_BYTES + 1) }))).toMatchObject({ status: 413 });
    expect(refuseAtEdge(req("POST", { "content-length": "NaN" }))).toMatchObject({ status: 413 });
    expect(refuseAtEdge(req("POST", { "next-action": "abc" }))).toMatchObject({ status: 411 });
    expect(refuseAtEdge(req("POST", { "content-length": "10", origin: "http://localhost:3000" }))).toBeNull();
  });
  it("refuses state-changing requests from another site, not scripts or reads", () => {
    expect(refuseAtEdge(req("POST", { "content-length": "1", origin: "https://evil.test" }))).toMatchObject({ status: 403 });
    expect(refuseAtEdge(req("POST", { "content-length": "1", origin: "null" }))).toMatchObject({ status: 403 });
    expect(refuseAtEdge(req("DELETE", { "content-length": "0", "sec-fetch-site": "cross-site" }))).toMatchObject({ status: 403 });
    expect(refuseAtEdge(req("PUT", { "content-length": "0", "sec-fetch-site": "same-site" }))).toMatchObject({ status: 403 });
    expect(refuseAtEdge(req("PUT", { "content-length": "2" }))).toBeNull(); // an API client with a token
    expect(refuseAtEdge(req("GET", { origin: "https://evil.test", "sec-fetch-site": "cross-site" }))).toBeNull();
    // Behind a proxy we trust, the public host is the one to compare.
    expect(
      refuseAtEdge(
        { method: "POST", headers: { host: "app:3000", "x-forwarded-host": "console.acme.test", origin: "https://console.acme.test", "content-length": "1" } },
        { trustProxy: true },
      ),
    ).toBeNull();
  });
  it("refuses an address whose percent-encoding is not UTF-8, before Next.js decodes it", () => {
    expect(refuseAtEdge({ method: "GET", url: "/setup/users/%ED%A0%80/edit", headers: {} })).toMatchObject({ status: 400 });
    expect(refuseAtEdge({ method: "GET", url: "/setup/users/%", headers: {} })).toMatchObject({ status: 400 });
    expect(refuseAtEdge({ method: "GET", url: "/setup/users?q=%ED%A0%80", headers: {} })).toBeNull(); // query strings are the page's to judge
  });
  it("finds server-action bodies Next.js could not decode, and lets real ones through", async () => {
    const form = (parts: [string, string][]) => {
      const fd = new FormData();
      for (const [k, v] of parts) fd.append(k, v);
      const r = new Request("http://x", { method: "POST", body: fd });
      return Promise.all([r.arrayBuffer().then((b) => Buffer.from(b)), r.headers.get("content-type")!]);
    };
    const [real, realType] = await form([
      ["_1_username", "a@acme.test"],
      ["0", '[{},"$K1"]'],
    ]);
    expect(await malformedActionBody(real, realType)).toBeNull();
    expect(await malformedActionBody(Buffer.from('[{"id":"AAAA","note":"$$5"},"$undefined"]'), "text/plain")).toBeNull();
    const [garbage, garbageType] = await form([["0", "[garbage"]]);
    expect(await malformedActionBody(garbage, garbageType)).toBe("row 0 is not JSON");
    const [rootless, rootlessType] = await form([["_1_username", "x"]]);
    expect(await malformedActionBody(rootless, rootlessType)).toBe("the root row is missing");
    const [noForm, noFormType] = await form([["0", '[{},"$K1"]']]);
    expect(await malformedActionBody(noForm, noFormType)).toBe("form data 1 is missing");
    expect(await malformedActionBody(Buffer.from("not json"), "text/plain;charset=UTF-8")).toBe("row 0 is not JSON");
    expect(await malformedActionBody(Buffer.from('["$Q5"]'), "text/plain")).toBe("row 5 is missing");
    expect(await malformedActionBody(Buffer.from("--zz\r\n"), "multipart/form-data; boundary=zz")).toBe("not valid multipart form data");
  });
  it("sends a nonce CSP, and HSTS only under https", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(transportSecurity({ https: false })).toBeNull();
    expect(transportSecurity({ https: true })).toBe("max-age=31536000; includeSubDomains");
    expect(contentSecurityPolicy("n", { https: true })).toContain("upgrade-insecure-requests");
  });
});
