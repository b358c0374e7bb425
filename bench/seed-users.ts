// 100,000 users of one org, as a real directory would hold them: skewed common names, ~8% inactive,
// profiles, ~75% logged in at least once, ~30% with an authenticator app, ~10% with a key, temp-code history, a few locked.
// Shared by bench/users-list.ts and bench/api.ts. Pure SQL: seeding stays under a minute.
import type { TestDb } from "../tests/helpers/test-db";

// Common names first: the seed draws them with a skew, as real directories are skewed.
export const FIRST =
  "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca Jason Sharon Edward Laura Jeffrey Cynthia Ryan Amy Jacob Kathleen Gary Angela Nicholas Shirley Eric Brenda Jonathan Emma Larry Anna Justin Pamela Scott Nicole Brandon Samantha Benjamin Katherine Samuel Christine Gregory Helen Alexander Debra Patrick Rachel Frank Carolyn Raymond Janet Jack Maria Dennis Olivia Jerry Heather Tyler Diane Aaron Julie Jose Joyce Adam Victoria Nathan Ruth Henry Virginia Zachary Lauren Douglas Kelly Peter Christina Kyle Joan Noah Evelyn Ethan Judith Jeremy Andrea Walter Hannah Christian Megan Keith Cheryl Roger Jacqueline Terry Martha Austin Madison Sean Teresa Gerald Gloria Carl Sara Harold Janice Dylan Ann Arthur Kathryn Lawrence Abigail Jordan Sophia Jesse Frances Bryan Jean Billy Alice Bruce Judy Gabriel Isabella Joe Julia Logan Grace Alan Amber Juan Denise Albert Danielle Willie Marilyn Elijah Beverly Wayne Charlotte Randy Natalie Vincent Theresa Mason Diana Roy Brittany Ralph Doris Bobby Kayla Russell Alexis Bradley Lori Philip Marie".split(
    " ",
  );
export const LAST =
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Ray Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Nakamura Kowalski Okafor Lindqvist Haddad Novak Rossi".split(
    " ",
  );
export const RARE_LAST = "Zbigniewska"; // one user in 5,000

export async function seedUsers(t: TestDb, orgId: string, domain: string, count: number, profiles: Record<string, string>) {
  const passwordHash = (await t.sql<{ h: string }>("SELECT password_hash AS h FROM users LIMIT 1"))[0]!.h;
  await t.sql(
    `INSERT INTO users (org_id, username, name, password_hash, is_active, profile_id, created_at)
     SELECT $1, lower(replace(f, ' ', '') || '.' || replace(l, ' ', '') || g) || '@' || $2, f || ' ' || l, $3,
            random() > 0.08, CASE WHEN p < 0.85 THEN $4::uuid WHEN p < 0.90 THEN $5::uuid WHEN p < 0.93 THEN $6::uuid
                                  WHEN p < 0.97 THEN $7::uuid ELSE $8::uuid END,
            now() - random() * interval '3 years'
     FROM (SELECT g, random() AS p,
                  ($9::text[])[1 + floor(power(random(), 2) * cardinality($9::text[]))::int] AS f,
                  CASE WHEN g % 5000 = 0 THEN $11
                       ELSE ($10::text[])[1 + floor(power(random(), 2) * cardinality($10::text[]))::int] END AS l
           FROM generate_series(1, $12::int) AS g) s`,
    [
      orgId,
      domain,
      passwordHash,
      profiles["Standard User"],
      profiles["Support Agent"],
      profiles["MFA Delegate"],
      profiles["Integration User"],
      profiles["System Administrator"],
      FIRST,
      LAST,
      RARE_LAST,
      count,
    ],
  );
  const mine = String.raw`FROM users WHERE org_id = $1 AND username ~ '\d@'`; // the seeded ones, not the demo logins
  // ~30% a confirmed authenticator app, ~2% one still being enrolled.
  await t.sql(
    `INSERT INTO totp_factors (org_id, user_id, name, secret_ciphertext, verified_at, created_at)
    SELECT org_id, id, 'Authenticator app', 'v1.bench', CASE WHEN r < 0.30 THEN created_at + interval '1 day' END, created_at
    FROM (SELECT org_id, id, created_at, random() AS r ${mine}) u WHERE r < 0.32`,
    [orgId],
  );
  // ~10% a security key or passkey; a fifth of those a second one.
  await t.sql(
    `INSERT INTO webauthn_credentials (org_id, user_id, name, credential_id, public_key, transports, device_type)
    SELECT org_id, id, 'Key ' || k, md5(id::text || k), '\\x00', '{usb}', 'singleDevice'
    FROM (SELECT org_id, id, random() AS r ${mine}) u, generate_series(1, 2) k WHERE r < 0.10 AND (k = 1 OR r < 0.02)`,
    [orgId],
  );
  // Temp-code history: ~5% with spent or expired codes, ~0.3% (a few hundred) with one active now.
  await t.sql(
    `INSERT INTO temp_codes (org_id, user_id, code_hash, created_by_label, reason, expires_at, expired_at, created_at)
    SELECT org_id, id, md5(id::text), 'bench', 'lost phone',
           CASE WHEN r < 0.003 THEN now() + interval '6 hours' ELSE now() - interval '2 days' END,
           CASE WHEN r BETWEEN 0.003 AND 0.02 THEN now() - interval '3 days' END,
           now() - interval '3 days'
    FROM (SELECT org_id, id, random() AS r ${mine}) u WHERE r < 0.05`,
    [orgId],
  );
  // ~75% have logged in (most recently, a few long ago); the rest never have (null last login).
  // Rounded to the minute, so the last-login order has ties for the id to break.
  await t.sql(
    `UPDATE users SET last_login_at = date_trunc('minute', greatest(created_at, now() - power(random(), 3) * interval '2 years'))
    FROM (SELECT id AS uid, random() AS r ${mine}) u WHERE users.id = u.uid AND r < 0.75`,
    [orgId],
  );
  // A few dozen locked now; a few hundred whose lockout has run out.
  await t.sql(
    `UPDATE users SET failed_attempts = 10, locked_until = CASE WHEN r < 0.0004 THEN now() + interval '15 minutes' ELSE now() - interval '1 day' END
    FROM (SELECT id AS uid, random() AS r ${mine}) u WHERE users.id = u.uid AND r < 0.004`,
    [orgId],
  );
}
