"use client";
// B1: recovery codes are shown once — copy or download them, confirm, then continue.
import { useState } from "react";
import { Copy, Download, KeyRound } from "lucide-react";
import { Button } from "@/components/ui/button";

export function RecoveryCodesReveal({ codes, onContinue, continueLabel = "Continue" }: { codes: string[]; onContinue: () => void; continueLabel?: string }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = `MFA Console recovery codes\nEach code works once.\n\n${codes.join("\n")}\n`;

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "mfa-console-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="recovery-codes-heading" className="space-y-4">
      <div className="flex items-center gap-2">
        <KeyRound aria-hidden className="h-5 w-5 text-blue-700" />
        <h2 id="recovery-codes-heading" className="text-base font-semibold">
          Save your recovery codes
        </h2>
      </div>
      <p className="text-sm text-slate-600">
        If you lose your device, each of these codes lets you log in once. They are shown only now — store them somewhere safe.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-slate-100 p-3 font-mono text-sm">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex gap-2">
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            navigator.clipboard.writeText(text).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          <Copy aria-hidden className="h-4 w-4" />
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button type="button" variant="secondary" onClick={download}>
          <Download aria-hidden className="h-4 w-4" />
          Download
        </Button>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} className="h-4 w-4" />I have saved these codes
      </label>
      <Button type="button" className="w-full" disabled={!saved} onClick={onContinue}>
        {continueLabel}
      </Button>
    </section>
  );
}
