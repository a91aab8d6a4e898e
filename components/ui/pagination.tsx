import Link from "next/link";

export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const link = "rounded-md border border-zinc-300 bg-white px-3 py-1 text-sm hover:bg-zinc-100";
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-zinc-600">
      <span>
        Page {page} of {pageCount}
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className={link} href={hrefFor(page - 1)}>
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link className={link} href={hrefFor(page + 1)}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
