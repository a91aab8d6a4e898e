import "server-only";
import { isDatabaseUnavailable } from "@/lib/server/db/errors";
import { countLinkDownload, findLinkedFile } from "@/lib/server/export/find-linked-file";
import { streamExportFile } from "@/lib/server/export/open-export-file";
import { linkParamsSchema, linkQuerySchema } from "@/lib/validation/export-link";
import { parseByteRange } from "./byte-range";
import { databaseUnavailable, routeError, type RouteHandler } from "./define-route";
import { fileDownload } from "./file-response";

/** Whatever is wrong with a link, one answer: nobody learns whether a secret exists. */
const unknownLink = () => routeError(404, "NOT_FOUND", "No such link, or it has expired or been revoked.");

/** What a link's answer adds: nothing caches it, and a page opened from a file is not told its URL. */
const LINK_HEADERS = { "cache-control": "private, no-store", "referrer-policy": "no-referrer" };

/**
 * GET and HEAD of a signed link (decision 0032): no session, the secret in the
 * URL is the authority. The export's data file by default, another of a
 * bundle's files by `?file=`; single ranges are served. A GET from the start
 * of the file counts as a download (a ranged reader's later parts do not).
 */
export const downloadByLink: RouteHandler = async (request, context) => {
  try {
    const params = linkParamsSchema.safeParse(await context.params);
    const query = linkQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!params.success || !query.success) return unknownLink();
    const found = await findLinkedFile({ ...params.data, file: query.data.file });
    if (!found) return unknownLink();
    if (request.method === "GET") {
      const range = parseByteRange(request.headers.get("range"), found.file.size);
      if (range === null || (range !== "unsatisfiable" && range.start === 0))
        await countLinkDownload({ linkId: found.linkId });
    }
    return fileDownload({ request, file: found.file, stream: streamExportFile, headers: LINK_HEADERS });
  } catch (error) {
    if (isDatabaseUnavailable(error)) return databaseUnavailable();
    console.error(`link ${request.method} failed`, error);
    return routeError(500, "INTERNAL", "Something went wrong on the server; the error was logged.");
  }
};
