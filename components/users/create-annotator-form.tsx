"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { createAnnotatorAction } from "@/lib/actions/users/create-annotator";
import { createAnnotatorSchema } from "@/lib/validation/users";

export function CreateAnnotatorForm() {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = createAnnotatorSchema.safeParse(Object.fromEntries(new FormData(form).entries()));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setMessage({ tone: "error", text: `${issue?.path.join(".")}: ${issue?.message}` });
    }
    startTransition(async () => {
      const result = await createAnnotatorAction(parsed.data);
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      form.reset();
      setMessage({ tone: "success", text: `Created ${result.data.email}. Share the password with them privately.` });
      router.refresh();
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_1fr_1fr_auto] sm:items-end">
      <Field label="Email">
        <Input name="email" type="email" required autoComplete="off" />
      </Field>
      <Field label="Name">
        <Input name="name" required autoComplete="off" />
      </Field>
      <Field label="Initial password" hint="At least 10 characters.">
        <Input name="password" type="password" required minLength={10} autoComplete="new-password" />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create annotator"}
      </Button>
      {message ? (
        <div className="sm:col-span-4">
          <Alert tone={message.tone}>{message.text}</Alert>
        </div>
      ) : null}
    </form>
  );
}
