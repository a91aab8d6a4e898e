/**
 * A log for errors that repeat many times a second while the database is
 * gone (every poll of every queue fails): a message is written the first
 * time, then at most once per `windowMs` with how many times it came
 * meanwhile, so the log says what is wrong without drowning in it.
 */
export function quietLog(log: (message: string) => void, windowMs = 30_000): (message: string) => void {
  const seen = new Map<string, { at: number; suppressed: number }>();
  return (message) => {
    const now = Date.now();
    // pg-boss names the worker (a fresh id per poll) in its messages: the same failure, whatever the id.
    const key = message.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "…");
    const entry = seen.get(key);
    if (entry && now - entry.at < windowMs) {
      entry.suppressed++;
      return;
    }
    const repeats = entry?.suppressed
      ? ` (${entry.suppressed} more times in the last ${Math.round((now - entry.at) / 1000)} s)`
      : "";
    seen.set(key, { at: now, suppressed: 0 });
    // Old messages are forgotten, so a long run does not grow this map.
    for (const [key, value] of seen) if (now - value.at > windowMs * 4) seen.delete(key);
    log(message + repeats);
  };
}
