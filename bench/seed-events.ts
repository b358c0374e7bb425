// Verification events for the benches, seeded in one statement: a realistic mix — mostly logins
// (a third still Pending after the password), ~8 % failures, a few step-ups and rare admin actions
// (resets, temp codes, unlocks) — spread over every user of the org and over `days` days back
// from now. Used by bench/activity-log.ts and bench/pages-http.ts.
export async function seedEvents(
  sql: (text: string, params?: unknown[]) => Promise<unknown>,
  opts: { orgId: string; count: number; days: number },
): Promise<void> {
  await sql(
    `WITH u AS (SELECT array_agg(id ORDER BY id) AS ids FROM users WHERE org_id = $1)
     INSERT INTO verification_events (org_id, user_id, username, activity, method, status, reason, ip, user_agent, detail, occurred_at)
     SELECT $1::uuid, u.ids[1 + (i::bigint * 7919 % array_length(u.ids, 1))::int], NULL,
            CASE WHEN i % 1000 = 0 THEN 'MFA_RESET' WHEN i % 500 = 1 THEN 'TEMP_CODE_GENERATED' WHEN i % 997 = 2 THEN 'UNLOCK'
                 WHEN i % 12 = 3 THEN 'STEP_UP' WHEN i % 50 = 4 THEN 'LOGOUT' ELSE 'LOGIN' END::"ActivityKind",
            (ARRAY['PASSWORD', 'TOTP', 'TOTP', 'WEBAUTHN', 'PASSWORD', 'RECOVERY_CODE'])[1 + i % 6]::"VerificationMethod",
            CASE WHEN i % 13 = 0 THEN 'FAILED' WHEN i % 6 IN (0, 4) THEN 'PENDING' ELSE 'SUCCEEDED' END::"EventStatus",
            CASE WHEN i % 13 = 0 THEN (ARRAY['INVALID_CODE', 'REPLAYED', 'INVALID_CREDENTIALS', 'LOCKED'])[1 + i % 4] END,
            '198.51.100.' || (i % 250),
            'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
            jsonb_build_object('n', i),
            now() - (i::double precision / $2) * ($3::int * interval '1 day')
       FROM u, generate_series(1, $2::int) AS i`,
    [opts.orgId, opts.count, opts.days],
  );
}
