/**
 * The database cannot be reached: the code of a route's 503 answer, and the
 * digest of the error a page fails with (app/error.tsx tells it apart by it).
 */
export const DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";

/** Every JSON error a route handler under app/api answers with (lib/routes/define-route.ts) has this shape. */
export type RouteErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "INVALID"
  | "NOT_FOUND"
  | "CONFLICT"
  | "GONE"
  | "TOO_LARGE"
  | "RATE_LIMITED"
  | "IDEMPOTENCY_KEY_REUSED"
  | "FAILED"
  | "INTERNAL"
  | typeof DATABASE_UNAVAILABLE;

export interface RouteErrorBody {
  error: { code: RouteErrorCode; message: string; details?: unknown };
}

/** The person-readable message of a route's error body, or null when `body` is not one. */
export function routeErrorMessage(body: unknown): string | null {
  if (!body || typeof body !== "object" || !("error" in body)) return null;
  const error = (body as { error: unknown }).error;
  if (!error || typeof error !== "object" || !("message" in error)) return null;
  const message = (error as { message: unknown }).message;
  return typeof message === "string" ? message : null;
}
