"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** The secret of a token just created: shown here once, never again (only its hash is kept). */
export function NewTokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2" data-testid="new-token">
      <Alert tone="warning">
        Copy the token &ldquo;{name}&rdquo; now: it is shown only this once. Keep it like a password; anybody who has it
        acts as you.
      </Alert>
      <div className="flex items-center gap-2">
        <code className="block flex-1 overflow-x-auto rounded-md bg-zinc-900 px-3 py-2 text-sm text-zinc-50">
          {secret}
        </code>
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(secret);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
