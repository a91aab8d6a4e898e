"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createProjectAction } from "@/lib/actions/projects/create-project";
import { createProjectSchema } from "@/lib/validation/projects";

export function CreateProjectForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = Object.fromEntries(new FormData(form).entries());
    const parsed = createProjectSchema.safeParse(values);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the form.");
      return;
    }
    startTransition(async () => {
      const result = await createProjectAction(parsed.data);
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      form.reset();
      router.push(`/projects/${result.data.id}`);
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end">
      <Field label="Name">
        <Input name="name" required maxLength={120} placeholder="e.g. alpaca-evol-v1" />
      </Field>
      <Field label="Description (optional)">
        <Input name="description" maxLength={2000} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create project"}
      </Button>
      {error ? (
        <div className="sm:col-span-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
    </form>
  );
}
