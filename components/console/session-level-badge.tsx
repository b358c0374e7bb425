import { LocalTime } from "./local-time";

/** B5: the console header shows how long the session stays High Assurance. */
export function SessionLevelBadge({ highAssuranceUntil }: { highAssuranceUntil: Date | null }) {
  return (
    <span
      className={`whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${highAssuranceUntil ? "bg-emerald-50 text-emerald-800" : "bg-slate-100 text-slate-700"}`}
    >
      {highAssuranceUntil ? (
        <>
          High assurance until <LocalTime iso={highAssuranceUntil.toISOString()} format="time" withZone />
        </>
      ) : (
        "Standard session"
      )}
    </span>
  );
}
