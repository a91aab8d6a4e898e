import { apiDocument } from "@/lib/api/api-routes";

export const dynamic = "force-dynamic";

/** The API's OpenAPI 3.1 document, public like any documentation (it names no data). */
export function GET(): Response {
  return Response.json(apiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
