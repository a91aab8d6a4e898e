import { withOpenApiOperation } from "@/lib/api/openapi";
import { downloadByLink } from "@/lib/routes/link-download";
import { linkDownloadOperation } from "./openapi-operation";

export const dynamic = "force-dynamic";

/**
 * A signed dataset link: /api/v1/links/<secret>/<file name>, for curl,
 * requests, datasets and pandas, which carry no cookie. Public, so not a
 * defineRoute: the secret in the URL stands in for the admin who made the
 * link, and every refusal is the same 404 (lib/routes/link-download.ts). Its
 * operations for the OpenAPI document are written out next to it.
 */
export const GET = withOpenApiOperation(downloadByLink, linkDownloadOperation("GET"));
export const HEAD = withOpenApiOperation(downloadByLink, linkDownloadOperation("HEAD"));
