"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { REVEAL_DECISIONS_COOKIE } from "@/lib/review/blind-review";

/**
 * An admin's choice to see other reviewers' decisions on nodes they have not
 * decided yet, remembered in a cookie for a year; the server reads it (and
 * ignores it for annotators).
 */
export function RevealDecisionsSwitch({ revealed }: { revealed: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-1.5 text-xs font-normal text-zinc-600">
      <input
        type="checkbox"
        checked={revealed}
        disabled={pending}
        onChange={(e) => {
          const value = e.currentTarget.checked ? "1" : "0";
          document.cookie = `${REVEAL_DECISIONS_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
          startTransition(() => router.refresh());
        }}
      />
      Show other reviewers&apos; decisions
    </label>
  );
}
