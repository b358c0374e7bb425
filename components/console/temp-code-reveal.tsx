"use client";
// A3: a Temporary Verification Code, shown once with a copy button, then "Done".
import { useState } from "react";
import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/console/local-time";

export function TempCodeReveal({ code, expiresAt, userName, onDone }: { code: string; expiresAt: string; userName: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Give this code to {userName}. It works until <LocalTime iso={expiresAt} /> and replaces their other verification methods while it is active. No message
        is sent to the user.
      </p>
      <p aria-label="Temporary Verification Code" className="rounded-md bg-slate-100 py-4 text-center font-mono text-3xl tracking-widest text-slate-900">
        {code}
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button type="button" variant="secondary" onClick={() => navigator.clipboard.writeText(code.replace(/\s/g, "")).then(() => setCopied(true))}>
          <Copy aria-hidden className="h-4 w-4" />
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button type="button" onClick={onDone}>
          Done
        </Button>
      </div>
      <p className="text-xs text-slate-500">After you click Done, you can&apos;t view this code again.</p>
    </div>
  );
}
