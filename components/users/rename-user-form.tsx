"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { renameUserAction } from "@/lib/actions/users/rename-user";

/** The name cell of the Users table: admins change a person's display name here (nobody renames themself). */
export function RenameUserForm({ userId, email, name }: { userId: string; email: string; name: string }) {
  const router = useRouter();
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await renameUserAction({ userId, name: value });
          setError(result.ok ? null : result.error);
          router.refresh();
        });
      }}
    >
      <input
        // Not "Name …": the new-annotator form's Name field keeps its label to itself.
        aria-label={`What to call ${email}`}
        value={value}
        maxLength={120}
        onChange={(e) => setValue(e.currentTarget.value)}
        className="w-40 rounded border border-zinc-300 px-2 py-1 text-sm"
      />
      {value.trim() !== name ? (
        <Button type="submit" variant="secondary" disabled={pending || !value.trim()}>
          Rename
        </Button>
      ) : null}
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </form>
  );
}
