import { AppHeader } from "@/components/layout/app-header";
import { requirePageUser } from "@/lib/server/auth/current-user";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </>
  );
}
