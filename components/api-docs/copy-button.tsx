"use client";

import { useState } from "react";

/** Copies `text`; the clipboard needs a secure page (https or localhost), elsewhere the text stays selectable. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="rounded px-1.5 py-0.5 text-xs text-zinc-300 hover:bg-zinc-700 hover:text-white"
      onClick={() =>
        navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? "Copied" : label}
    </button>
  );
}
