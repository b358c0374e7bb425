// Liveness and readiness (issue 11): JSON a load balancer can read, never cached, nothing secret;
// only GET; hostile query strings change nothing.
import { expect, test } from "@playwright/test";

test("liveness and readiness answer 200 JSON with the database up, and only to GET", async ({ request }) => {
  for (const path of ["/api/health", "/api/ready"]) {
    for (const query of ["", "?x=%00", "?x[]=1&x[]=2"]) {
      const answer = await request.get(`${path}${query}`);
      expect(answer.status(), `${path}${query}`).toBe(200);
      expect(answer.headers()["cache-control"]).toBe("no-store");
      expect(await answer.json()).toEqual({ status: "ok" });
    }
    const posted = await request.post(path, { headers: { Origin: "http://localhost" } });
    expect(posted.status(), `POST ${path}`).toBeGreaterThanOrEqual(400);
    expect(posted.status(), `POST ${path}`).toBeLessThan(500);
  }
});
