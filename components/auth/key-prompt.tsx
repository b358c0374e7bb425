import { Fingerprint, KeyRound } from "lucide-react";

/** What the person is about to be asked by the browser, above every security key button. */
export function KeyPrompt({ registering = false }: { registering?: boolean }) {
  return (
    <div className="flex items-start gap-3 rounded-md bg-slate-50 p-3 text-sm text-slate-700">
      <span aria-hidden className="flex shrink-0 gap-1 text-blue-700">
        <KeyRound className="h-5 w-5" />
        <Fingerprint className="h-5 w-5" />
      </span>
      {registering ? (
        <p>
          Your browser will ask you to insert and touch your security key, or to confirm with this device&apos;s fingerprint, face or PIN to create a passkey.
        </p>
      ) : (
        <p>Insert your security key and touch it, or confirm with this device&apos;s fingerprint, face or PIN.</p>
      )}
    </div>
  );
}
