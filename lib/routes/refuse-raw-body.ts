import { routeError } from "./define-route";
import { mediaTypeOf, type RawBodyOption } from "./read-raw-body";

/** 415 for a raw body of a media type the endpoint does not take (before a byte of it is read); null when it does. */
export function refuseRawBody(request: Request, option: RawBodyOption): Response | null {
  const mediaType = mediaTypeOf(request.headers.get("content-type") ?? "");
  if (option.mediaTypes.includes(mediaType)) return null;
  return routeError(
    415,
    "INVALID",
    `Send the body as one of ${option.mediaTypes.join(", ")} (Content-Type: ${mediaType || "none"}).`,
    { source: "body", mediaTypes: option.mediaTypes },
  );
}
