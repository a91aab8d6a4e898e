import { Alert } from "@/components/ui/alert";

/** HH:MM in the reader's time zone (24-hour clock). */
function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false });
}

/** Shown while a worker's circuit breaker holds the run's LLM calls: the run waits, nothing fails for it. */
export function EndpointWaitNotice({ wait }: { wait: { since: string; heldCalls: number } }) {
  const calls = `${wait.heldCalls.toLocaleString("en-US")} ${wait.heldCalls === 1 ? "call" : "calls"} held`;
  return (
    <Alert tone="warning">
      <span data-testid="endpoint-wait">
        Waiting for the endpoint since{" "}
        <time dateTime={wait.since} suppressHydrationWarning>
          {clockTime(wait.since)}
        </time>{" "}
        ({calls})
      </span>
      <span className="block text-xs">
        The LLM endpoint does not answer. Calls go out again, one probe first, as soon as it does; no step fails for it.
      </span>
    </Alert>
  );
}
