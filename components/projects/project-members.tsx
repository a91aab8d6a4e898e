"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { addProjectMemberAction } from "@/lib/actions/projects/add-project-member";
import { removeProjectMemberAction } from "@/lib/actions/projects/remove-project-member";
import type { ProjectMembers } from "@/lib/server/projects/list-project-members";

/** An admin's list of a project's annotators: add one from the accounts, remove one. */
export function ProjectMembersEditor({ projectId, members, others }: { projectId: string } & ProjectMembers) {
  const router = useRouter();
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; error?: string }>) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? null : (result.error ?? "That did not work."));
      if (result.ok) setChosen("");
      router.refresh();
    });

  return (
    <div className="space-y-3 text-sm">
      <p className="text-zinc-600">
        Annotators see and review only the projects they are members of. Admins reach every project.
      </p>
      {members.length === 0 ? (
        <p className="text-zinc-500" data-testid="no-members">
          No annotator is a member yet.
        </p>
      ) : (
        <DataTable columns={[{ label: "Annotator" }, { label: "Added" }, { label: "", align: "right" }]}>
          {members.map((m) => (
            <tr key={m.userId} data-testid="member-row">
              <td className="px-4 py-2">
                <span className="font-medium">{m.name}</span> <span className="text-zinc-500">{m.email}</span>
                {m.disabled ? <span className="ml-2 text-xs text-zinc-500">(disabled)</span> : null}
              </td>
              <td className="px-4 py-2 text-zinc-500">
                {m.addedAt.toISOString().slice(0, 10)}
                {m.addedBy ? ` by ${m.addedBy}` : ""}
              </td>
              <td className="px-4 py-2 text-right">
                <Button
                  variant="secondary"
                  disabled={pending}
                  aria-label={`Remove ${m.email}`}
                  onClick={() => run(() => removeProjectMemberAction({ projectId, userId: m.userId }))}
                >
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {others.length > 0 ? (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) run(() => addProjectMemberAction({ projectId, userId: chosen }));
          }}
        >
          <label className="sr-only" htmlFor="add-member">
            Annotator to add
          </label>
          <select
            id="add-member"
            className="rounded-md border border-zinc-300 bg-white px-2 py-1.5"
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">Choose an annotator…</option>
            {others.map((u) => (
              <option key={u.userId} value={u.userId}>
                {u.name} ({u.email}){u.disabled ? " — disabled" : ""}
              </option>
            ))}
          </select>
          <Button type="submit" disabled={pending || !chosen}>
            Add to project
          </Button>
        </form>
      ) : (
        <p className="text-zinc-500">
          Every annotator is a member. Create more accounts under <strong>Users</strong>.
        </p>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
