import { AsyncLocalStorage } from "node:async_hooks";

/** What the web server learns about one request while Next handles it. */
export interface RequestState {
  databaseUnavailable: boolean;
}

// On globalThis: Next's bundled server code and the web server (run by tsx)
// load this module separately, and both must reach the same storage.
const globalForState = globalThis as unknown as { evolRequestState?: AsyncLocalStorage<RequestState> };
const storage = (globalForState.evolRequestState ??= new AsyncLocalStorage<RequestState>());

/** Runs `work` (one request) with a state of its own. */
export function withRequestState<T>(work: () => T): T {
  return storage.run({ databaseUnavailable: false }, work);
}

export function currentRequestState(): RequestState | undefined {
  return storage.getStore();
}

/** The request being handled (if any) failed because the database is gone: it is answered 503, not 500. */
export function markDatabaseUnavailable(): void {
  const state = storage.getStore();
  if (state) state.databaseUnavailable = true;
}
