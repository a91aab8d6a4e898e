"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { linkSnippets } from "@/lib/export/link-snippets";
import type { ExportFormat } from "@/lib/export/types";
import type { CreatedExportLink } from "@/lib/server/export/create-export-link";

/** A link just made: its URL (shown this once: only its hash is kept), a copy button, and snippets that fetch it. */
export function CreatedLink({
  created,
  format,
  fileName,
}: {
  created: CreatedExportLink;
  format: ExportFormat;
  fileName: string;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (text: string, what: string) => {
    // The clipboard needs a secure page (https or localhost); elsewhere the text stays selectable.
    navigator.clipboard?.writeText(text).then(
      () => setCopied(what),
      () => setCopied(null),
    );
  };
  return (
    <div className="space-y-3 rounded-md border border-indigo-200 bg-indigo-50/50 p-3" data-testid="created-link">
      <p className="text-sm font-medium text-zinc-800">
        Copy the link now: it is not shown again. Expires {created.link.expiresAt.slice(0, 16).replace("T", " ")} UTC.
      </p>
      <div className="flex gap-2">
        <input
          readOnly
          aria-label="Signed link"
          value={created.url}
          onFocus={(event) => event.target.select()}
          className="block w-full rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-xs"
        />
        <Button variant="secondary" onClick={() => copy(created.url, "link")}>
          {copied === "link" ? "Copied" : "Copy"}
        </Button>
      </div>
      {created.files.length > 1 ? (
        <details className="text-xs text-zinc-600">
          <summary className="cursor-pointer">The bundle&apos;s other files</summary>
          <ul className="mt-1 space-y-1 font-mono break-all">
            {created.files.slice(1).map((f) => (
              <li key={f.file}>{f.url}</li>
            ))}
          </ul>
        </details>
      ) : null}
      {linkSnippets({ url: created.url, fileName, format }).map((snippet) => (
        <div key={snippet.label} className="space-y-1">
          <div className="flex items-center justify-between text-xs text-zinc-600">
            <span>{snippet.label}</span>
            <button type="button" className="hover:underline" onClick={() => copy(snippet.code, snippet.label)}>
              {copied === snippet.label ? "Copied" : "Copy"}
            </button>
          </div>
          <pre className="overflow-x-auto rounded bg-zinc-900 p-2 text-xs text-zinc-100">{snippet.code}</pre>
        </div>
      ))}
    </div>
  );
}
