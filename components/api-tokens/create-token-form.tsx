"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { createApiTokenAction } from "@/lib/actions/api-tokens/create-api-token";
import { createApiTokenSchema } from "@/lib/validation/api-tokens";
import { NewTokenSecret } from "./new-token-secret";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The expiry the form's choice means: none, N days from now, or the end of the chosen day (local time). */
function expiryOf(choice: string, date: string): Date | null | "invalid" {
  if (choice === "none") return null;
  if (choice === "date") return date ? new Date(`${date}T23:59:59.999`) : "invalid";
  return new Date(Date.now() + Number(choice) * DAY_MS);
}

export function CreateTokenForm({ projects }: { projects: { id: string; name: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [expiry, setExpiry] = useState("90");
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const expiresAt = expiryOf(expiry, String(data.get("expiresOn") ?? ""));
    if (expiresAt === "invalid") return setError("Choose the day the token expires.");
    const parsed = createApiTokenSchema.safeParse({
      name: data.get("name"),
      scope: data.get("scope"),
      expiresAt,
      projectIds: data.getAll("projectIds"),
    });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "Check the form.");
    startTransition(async () => {
      const result = await createApiTokenAction(parsed.data);
      if (!result.ok) return setError(result.error);
      form.reset();
      setExpiry("90");
      setError(null);
      setCreated({ name: result.data.name, secret: result.data.secret });
      router.refresh();
    });
  }

  if (created) return <NewTokenSecret {...created} onDone={() => setCreated(null)} />;
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label="Token name" hint="What uses it, e.g. “nightly export”.">
          <Input name="name" required maxLength={100} autoComplete="off" />
        </Field>
        <Field label="Scope" hint="Read only looks; write may also change things.">
          <Select name="scope" defaultValue="read">
            <option value="read">read</option>
            <option value="write">write</option>
          </Select>
        </Field>
        <Field label="Expires">
          <Select name="expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="date">on a date…</option>
            <option value="none">never</option>
          </Select>
        </Field>
      </div>
      {expiry === "date" ? (
        <Field label="Expiry date">
          <Input name="expiresOn" type="date" required min={new Date().toISOString().slice(0, 10)} />
        </Field>
      ) : null}
      {projects.length > 0 ? (
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-zinc-800">Projects</legend>
          <p className="text-xs text-zinc-500">Tick none for every project you can reach (now and later).</p>
          <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-3">
            {projects.map((p) => (
              <label key={p.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="projectIds" value={p.id} />
                {p.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create token"}
      </Button>
    </form>
  );
}
