"use client";
// W1, W2: an activation link, shown once with a copy button, then "Done". The user opens it to
// set their own password; no admin ever knows it.
import { useState } from "react";
import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/console/local-time";

export function ActivationLinkReveal({ url, expiresAt, userName, onDone }: { url: string; expiresAt: string; userName: string; onDone?: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Give this activation link to {userName} through a channel you trust. They open it to set their own password; it works once, until{" "}
        <LocalTime iso={expiresAt} />. No message is sent to the user.
      </p>
      <p aria-label="Activation link" className="break-all rounded-md bg-slate-100 px-3 py-3 font-mono text-sm text-slate-900">
        {url}
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button type="button" variant="secondary" onClick={() => navigator.clipboard.writeText(url).then(() => setCopied(true))}>
          <Copy aria-hidden className="h-4 w-4" />
          {copied ? "Copied" : "Copy link"}
        </Button>
        {onDone && (
          <Button type="button" onClick={onDone}>
            Done
          </Button>
        )}
      </div>
      <p className="text-xs text-slate-500">After you leave this screen, you can&apos;t view this link again. A new one can be issued with Reset password.</p>
    </div>
  );
}
