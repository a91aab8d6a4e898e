import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Badge } from "@/components/ui/badge";
import type { SessionUser } from "@/lib/server/auth/current-user";

export function AppHeader({ user }: { user: SessionUser }) {
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-2.5">
        <Link href="/projects" className="font-semibold text-indigo-700">
          Evol Studio
        </Link>
        <nav className="flex gap-4 text-sm text-zinc-600">
          <Link href="/projects" className="hover:text-zinc-900">
            Projects
          </Link>
          {user.role === "admin" ? (
            <>
              <Link href="/admin/users" className="hover:text-zinc-900">
                Users
              </Link>
              <Link href="/admin/methods" className="hover:text-zinc-900">
                Methods
              </Link>
              <Link href="/admin/tokens" className="hover:text-zinc-900">
                All tokens
              </Link>
            </>
          ) : null}
        </nav>
        <div className="ml-auto flex items-center gap-3 text-sm">
          <span className="text-zinc-600" data-testid="current-user">
            {user.email}
          </span>
          <Badge tone={user.role === "admin" ? "indigo" : "neutral"}>{user.role}</Badge>
          <Link href="/account/tokens" className="text-zinc-600 hover:text-zinc-900">
            API tokens
          </Link>
          <Link href="/api-docs" className="text-zinc-600 hover:text-zinc-900">
            API docs
          </Link>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
