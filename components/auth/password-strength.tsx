"use client";
import { useEffect, useMemo, useState } from "react";
import { passwordProblemMessage, passwordProblems } from "@/lib/auth/password-rules";

type StrengthScore = 0 | 1 | 2 | 3 | 4;

type Estimator = {
  score: (password: string, userInputs: string[]) => StrengthScore;
  isCommon: (password: string) => boolean;
};

const LABELS = ["Too weak", "Weak", "Fair", "Good", "Strong"] as const;
const SEGMENT_FILLS = ["", "bg-red-600", "bg-amber-500", "bg-emerald-500", "bg-emerald-700"] as const;
const LABEL_TONES = ["text-red-700", "text-red-700", "text-amber-900", "text-emerald-800", "text-emerald-800"] as const;
const SEGMENT_COUNT = 4;

// zxcvbn and its word lists are about 250 kB gzipped: fetched on the first keystroke rather than with
// the page, and once per page load however many meters mount. The blocklist module is the one the
// server checks with, so the meter never passes a password the server then refuses as common.
let estimatorPromise: Promise<Estimator> | undefined;

function loadEstimator(): Promise<Estimator> {
  estimatorPromise ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@/lib/auth/password-blocklist")]).then(
    ([core, common, blocklist]) => {
      const zxcvbn = new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
      return { score: (password, userInputs) => zxcvbn.check(password, userInputs).score, isCommon: blocklist.isCommonPassword };
    },
    (error: unknown) => {
      estimatorPromise = undefined; // a flaky network should not disable the meter until reload
      throw error;
    },
  );
  return estimatorPromise;
}

// zxcvbn matches user inputs as whole tokens, so "Acme Corp" alone would not catch "acmecorp1".
function contextWords(username: string, orgName: string): string[] {
  const localPart = username.includes("@") ? username.slice(0, username.lastIndexOf("@")) : "";
  const orgWords = orgName.split(/\s+/u);
  return [...new Set([username, localPart, orgName, orgWords.join(""), ...orgWords])].filter((word) => word !== "");
}

/**
 * Strength meter for a new-password field. Rule problems show at once; the zxcvbn score appears once
 * the estimator has loaded. Put `id` in the input's aria-describedby.
 */
export function PasswordStrength({
  password,
  username,
  orgName,
  minLength,
  id,
}: {
  password: string;
  username: string;
  orgName: string;
  minLength: number;
  id: string;
}) {
  const [estimator, setEstimator] = useState<Estimator | null>(null);
  const typing = password !== "";

  useEffect(() => {
    if (!typing || estimator) return;
    let unmounted = false;
    loadEstimator().then(
      (loaded) => {
        if (!unmounted) setEstimator(loaded);
      },
      // Rules still show without it, and the server enforces them either way.
      () => undefined,
    );
    return () => {
      unmounted = true;
    };
  }, [typing, estimator]);

  const problems = useMemo(
    () => (typing ? passwordProblems(password, { minLength, username, orgName, isCommon: estimator?.isCommon }) : []),
    [typing, password, minLength, username, orgName, estimator],
  );
  const breaksARule = problems.some((problem) => problem !== "MISMATCH");
  const score = useMemo((): StrengthScore | null => {
    if (!typing) return null;
    if (breaksARule) return 0; // a strong-looking password the server will refuse is not strong
    return estimator ? estimator.score(password, contextWords(username, orgName)) : null;
  }, [typing, breaksARule, estimator, password, username, orgName]);

  return (
    <div id={id} className="space-y-1">
      {score !== null && (
        <div className="flex items-center gap-3">
          <div
            role="meter"
            aria-label="Password strength"
            aria-valuemin={0}
            aria-valuemax={SEGMENT_COUNT}
            aria-valuenow={score}
            aria-valuetext={LABELS[score]}
            className="grid flex-1 grid-cols-4 gap-1"
          >
            {Array.from({ length: SEGMENT_COUNT }, (_, index) => (
              <span key={index} className={`h-1.5 rounded-full ${index < score ? SEGMENT_FILLS[score] : "bg-slate-200"}`} />
            ))}
          </div>
          <span className={`w-16 text-right text-xs font-medium ${LABEL_TONES[score]}`}>{LABELS[score]}</span>
        </div>
      )}
      {/* Always rendered: a live region that appears together with its text is often not announced. */}
      <ul aria-live="polite" className="space-y-0.5 text-xs text-red-700">
        {problems.map((problem) => (
          <li key={problem}>{passwordProblemMessage(problem, minLength)}</li>
        ))}
      </ul>
    </div>
  );
}
