"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { copyMethodAction } from "@/lib/actions/methods/copy-method";

/** Copies a method's latest version into a new user method, then opens it for editing. */
export function CopyMethodForm({ fromVersionId, fromName }: { fromVersionId: string; fromName: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await copyMethodAction({ fromVersionId, name: name.trim(), description: "" });
          if (!result.ok) return setError(result.error);
          router.push(`/admin/methods/${result.data.id}`);
        });
      }}
    >
      <input
        aria-label={`Name of a copy of ${fromName}`}
        placeholder="new-name"
        value={name}
        maxLength={40}
        onChange={(e) => setName(e.currentTarget.value)}
        className="w-36 rounded border border-zinc-300 px-2 py-1 text-sm"
      />
      <Button type="submit" variant="secondary" disabled={pending || !name.trim()}>
        Copy
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </form>
  );
}
