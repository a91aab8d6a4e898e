"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { authClient } from "@/lib/auth/auth-client";
import { trustedOrigins } from "@/lib/auth/trusted-origins";
import { WrongAddress } from "./wrong-address";

const noSubscription = () => () => {};

/** The sign-in form; `appUrl` is the app's configured address (APP_URL). */
export function SignInForm({ appUrl }: { appUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [originRefused, setOriginRefused] = useState(false);
  // Where this page was opened, as the browser will name it in the Origin header (null while rendering on the server).
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  );
  const wrongAddress = origin !== null && (originRefused || !trustedOrigins(appUrl).includes(origin));

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const { error } = await authClient.signIn.email({
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    });
    setPending(false);
    if (error?.code === "INVALID_ORIGIN") {
      setOriginRefused(true);
      return;
    }
    if (error) {
      // Sign-in limits say which limit was reached and how long to wait; better-auth's flood guard does not.
      setError(
        error.message ||
          (error.status === 429 ? "Too many sign-in attempts. Wait a minute, then try again." : "Sign-in failed."),
      );
      return;
    }
    router.replace("/projects");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-zinc-200 bg-white p-6 shadow-xs">
      {wrongAddress && origin ? <WrongAddress origin={origin} appUrl={appUrl} /> : null}
      <Field label="Email">
        <Input name="email" type="email" autoComplete="username" required autoFocus />
      </Field>
      <Field label="Password">
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
