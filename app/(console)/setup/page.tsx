import type { Metadata } from "next";
import Link from "next/link";
import { requireAction } from "@/lib/next/guards";
import { getMfaAdoption } from "@/lib/dashboard/mfa-adoption";
import { getVerificationFailures, FAILURE_WINDOW_DAYS } from "@/lib/dashboard/verification-failures";
import { cachedFigures } from "@/lib/dashboard/dashboard-cache";
import { LocalTime } from "@/components/console/local-time";
import { Section } from "@/components/console/user-detail/section";
import { AdoptionChart, type AdoptionBar } from "@/components/console/dashboard/adoption-chart";
import { FailuresChart } from "@/components/console/dashboard/failures-chart";

export const metadata: Metadata = { title: "Overview" };

const percentOf = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);
const cell = "px-3 py-1.5";

export default async function SetupHome() {
  const { orgDb, user } = await requireAction("console.view");
  const orgId = user.orgId;
  const [cachedAdoption, cachedFailures] = await Promise.all([
    cachedFigures(`adoption:${orgId}`, () => getMfaAdoption(orgDb, { orgId })),
    cachedFigures(`failures:${orgId}`, () => getVerificationFailures(orgDb, { orgId })),
  ]);
  const adoption = cachedAdoption.value;
  const failures = cachedFailures.value;
  const asOf = new Date(Math.min(cachedAdoption.computedAtMs, cachedFailures.computedAtMs)).toISOString();
  const withMethod = adoption.activeUsers - adoption.none;
  const bars: AdoptionBar[] = [
    { label: "Authenticator app", percent: percentOf(adoption.totp, adoption.activeUsers), pattern: "solid" },
    { label: "Security key / passkey", percent: percentOf(adoption.webauthn, adoption.activeUsers), pattern: "stripes" },
    { label: "Recovery codes", percent: percentOf(adoption.recoveryCodes, adoption.activeUsers), pattern: "dots" },
    { label: "No method", percent: percentOf(adoption.none, adoption.activeUsers), pattern: "hatch" },
  ];
  const counts = [adoption.totp, adoption.webauthn, adoption.recoveryCodes, adoption.none];
  const worst = failures.days.reduce((a, b) => (b.failures > a.failures ? b : a), failures.days[0]!);
  const adoptionSummary =
    `${percentOf(withMethod, adoption.activeUsers)} % of ${adoption.activeUsers} active users have a verification method. ` +
    bars.map((b) => `${b.label}: ${b.percent} %`).join("; ");
  const failuresSummary = `${failures.total} failed verifications in the last ${FAILURE_WINDOW_DAYS} days; most on ${worst.day} (${worst.failures}).`;
  return (
    <main className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
        <Link prefetch={false} href="/setup" className="hover:underline">
          Setup
        </Link>{" "}
        <span aria-hidden>›</span> Overview
      </nav>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          <p className="text-xs text-slate-500">
            Figures as of <LocalTime iso={asOf} format="time" />; they are refreshed at most once a minute.
          </p>
        </div>
        {/* The seed's "Swagger Docs" tile of the Admin Overview. */}
        <Link
          prefetch={false}
          href="/docs/api"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          API Docs (Swagger)
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {[
          ["Active users with a method", `${percentOf(withMethod, adoption.activeUsers)} %`, `${withMethod} of ${adoption.activeUsers}`],
          ["Temporary codes active now", String(adoption.tempCodesActive), null],
          ["Locked users", String(adoption.lockedUsers), null],
          [`Failed verifications (${FAILURE_WINDOW_DAYS} days)`, String(failures.total), null],
        ].map(([label, value, sub]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{value}</dd>
            {sub && <dd className="text-xs text-slate-500">{sub}</dd>}
          </div>
        ))}
      </dl>
      <Section title="MFA adoption">
        <AdoptionChart bars={bars} summary={adoptionSummary} />
        <table className="mt-3 min-w-full text-left text-sm">
          <caption className="sr-only">MFA adoption by method</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className={cell}>
                Method
              </th>
              <th scope="col" className={cell}>
                Active users
              </th>
              <th scope="col" className={cell}>
                Share
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {bars.map((b, i) => (
              <tr key={b.label}>
                <th scope="row" className={`${cell} font-normal`}>
                  {b.label}
                </th>
                <td className={cell}>{counts[i]}</td>
                <td className={cell}>{b.percent} %</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-500">A user with several methods counts under each. Recovery codes: users with unused codes left.</p>
      </Section>
      <Section title={`Failed verifications per day (last ${FAILURE_WINDOW_DAYS} days, UTC)`}>
        <FailuresChart days={failures.days} summary={failuresSummary} />
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-medium text-slate-700">Failures per day as a table</summary>
          <table className="mt-2 text-left">
            <caption className="sr-only">Failed verifications per day</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className={cell}>
                  Day
                </th>
                <th scope="col" className={cell}>
                  Failures
                </th>
              </tr>
            </thead>
            <tbody>
              {failures.days.map((d) => (
                <tr key={d.day}>
                  <th scope="row" className={`${cell} font-normal`}>
                    {d.day}
                  </th>
                  <td className={cell}>{d.failures}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </Section>
      <Section title="Top failure reasons">
        {failures.reasons.length === 0 ? (
          <p className="text-sm text-slate-500">No failed verifications in the last {FAILURE_WINDOW_DAYS} days.</p>
        ) : (
          <ol className="space-y-1 text-sm">
            {failures.reasons.map((r) => (
              <li key={r.reason} className="flex justify-between gap-4 border-b border-slate-100 py-1">
                <Link prefetch={false} href={`/setup/activity?status=FAILED`} className="text-blue-800 hover:underline">
                  {r.label}
                </Link>
                <span className="font-medium">
                  {r.failures} ({percentOf(r.failures, failures.total)} %)
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </main>
  );
}
