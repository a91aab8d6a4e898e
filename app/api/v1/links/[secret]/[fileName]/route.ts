import { downloadByLink } from "@/lib/routes/link-download";

export const dynamic = "force-dynamic";

/**
 * A signed dataset link: /api/v1/links/<secret>/<file name>, for curl,
 * requests, datasets and pandas, which carry no cookie. Public, so not a
 * defineRoute: the secret in the URL stands in for the admin who made the
 * link, and every refusal is the same 404 (lib/routes/link-download.ts).
 */
export const GET = downloadByLink;
export const HEAD = downloadByLink;
