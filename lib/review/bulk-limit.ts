// How many nodes an annotator may decide in one bulk action (the project's
// annotator bulk limit): shared by the server, which refuses more, and the
// bulk buttons, which do not offer more.

/** Why a bulk action over `count` nodes is not an annotator's to take. */
export function bulkOverLimit(count: number, limit: number): string {
  return `${count.toLocaleString("en-US")} nodes is more than annotators may decide at once in this project (${limit.toLocaleString("en-US")}): narrow the scope, or ask an admin.`;
}
