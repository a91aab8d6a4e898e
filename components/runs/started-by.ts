/** Every run is paid LLM calls: lists and pages say whose decision each was. */
export function startedByText(startedBy: string | null): string {
  return startedBy ? `started by ${startedBy}` : "started from the command line (or by a deleted account)";
}
