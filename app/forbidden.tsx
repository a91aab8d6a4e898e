import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-red-600">403</p>
        <h1 className="mt-1 text-xl font-semibold">Admins only</h1>
        <p className="mt-2 text-sm text-zinc-600">
          Your account does not have access to this page. Ask an admin if you need it.
        </p>
        <Link href="/projects" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Back to projects
        </Link>
      </div>
    </main>
  );
}
