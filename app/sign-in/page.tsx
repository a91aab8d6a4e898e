import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { getEnv } from "@/lib/server/config/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getCurrentUser()) redirect("/projects");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm space-y-6">
        <div className="text-center">
          <h1 className="text-2xl font-semibold">Evol Studio</h1>
          <p className="mt-1 text-sm text-zinc-500">Grow and curate instruction data with Evol-Instruct.</p>
        </div>
        <SignInForm appUrl={getEnv().APP_URL} />
      </div>
    </main>
  );
}
