"use client";
// B8: a webhook signing secret, shown once with Copy (only its ciphertext is kept).
import { useState } from "react";
import { Copy } from "lucide-react";
import { Button } from "@/components/ui/button";

export interface SecretRevealState {
  error?: string;
  secret?: string;
  /** After a rotation: until when the old secret keeps signing too. */
  previousValidUntil?: string;
}

export function WebhookSecretReveal({ secret, children }: { secret: string; children?: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-3">
      <p aria-label="Signing secret" className="break-all rounded-md bg-slate-100 px-3 py-3 text-center font-mono text-sm text-slate-900">
        {secret}
      </p>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Button type="button" variant="secondary" onClick={() => navigator.clipboard.writeText(secret).then(() => setCopied(true))}>
          <Copy aria-hidden className="h-4 w-4" />
          {copied ? "Copied" : "Copy"}
        </Button>
        {children}
      </div>
      <p className="text-xs text-slate-500">
        Your receiver verifies each delivery with it (Standard Webhooks). You can&apos;t view it again: if it is lost, rotate it.
      </p>
    </div>
  );
}
