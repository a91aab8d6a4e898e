/** Filters as a query string (without empty values), to carry them from the queue into review and back. */
export function queueQuery(filter: Record<string, string | number | undefined | null>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null || value === "" || value === "any") continue;
    if (key === "sort" && value === "newest") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
