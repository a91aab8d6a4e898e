"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { renameProjectAction } from "@/lib/actions/projects/rename-project";

export function RenameProjectForm({ projectId, name }: { projectId: string; name: string }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  if (!editing) {
    return (
      <Button variant="secondary" onClick={() => setEditing(true)}>
        Rename
      </Button>
    );
  }
  return (
    <form
      className="flex items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const next = String(new FormData(event.currentTarget).get("name") ?? "");
        startTransition(async () => {
          const result = await renameProjectAction({ projectId, name: next });
          if (!result.ok) return setError(result.error);
          setError(null);
          setEditing(false);
          router.refresh();
        });
      }}
    >
      <Input
        name="name"
        defaultValue={name}
        aria-label="New project name"
        required
        maxLength={120}
        autoFocus
        className="w-56"
      />
      <Button type="submit" disabled={pending}>
        Save
      </Button>
      <Button variant="ghost" onClick={() => setEditing(false)}>
        Cancel
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </form>
  );
}
