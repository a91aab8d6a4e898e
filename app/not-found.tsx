import Link from "next/link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-zinc-500">404</p>
        <h1 className="mt-1 text-xl font-semibold">Not found</h1>
        <Link href="/projects" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Back to projects
        </Link>
      </div>
    </main>
  );
}
