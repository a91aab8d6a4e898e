import type { RouteErrorBody } from "@/lib/routes/route-error";
import type { z } from "zod";
import type { decideNodeSchema } from "@/lib/validation/review";

export type DecisionInput = z.input<typeof decideNodeSchema>;

/** What the decision route answers: the node's status, when it was decided, and another reviewer's decision made meanwhile. */
export interface DecisionAnswer {
  humanStatus: string;
  at: string;
  conflict: { reviewer: string; decision: string; at: string } | null;
}

/**
 * Posts a decision to the decision route (app/api/projects/[projectId]/nodes/[nodeId]/decision):
 * a plain fetch, outside React's transitions, so a navigation started meanwhile is not held until it answers.
 */
export async function sendDecision(
  input: DecisionInput,
): Promise<{ ok: true; data: DecisionAnswer } | { ok: false; error: string }> {
  const { projectId, nodeId, ...decision } = input;
  const form = new FormData();
  const json = JSON.stringify(decision);
  form.set("decision", json);
  // keepalive: a decision sent as the page goes away (held ones leave on pagehide) still reaches the server;
  // browsers refuse keepalive bodies past 64 KB, which an edit of a long text can be.
  const keepalive = json.length < KEEPALIVE_MAX_CHARS;
  const response = await fetch(`/api/projects/${projectId}/nodes/${nodeId}/decision`, {
    method: "POST",
    body: form,
    keepalive,
  });
  const body = (await response.json().catch(() => null)) as DecisionAnswer | RouteErrorBody | null;
  if (!response.ok || body === null || "error" in body)
    return {
      ok: false,
      error: body && "error" in body ? body.error.message : `The server answered ${response.status}.`,
    };
  return { ok: true, data: body };
}

/** A decision's JSON below this many characters (so its form stays under 64 KB of UTF-8) is sent with keepalive. */
const KEEPALIVE_MAX_CHARS = 15_000;

/** Requests held until the next node is shown (or, should it never show, for at most this long). */
const HOLD_LIMIT_MS = 500;
const held: (() => void)[] = [];

/**
 * Sends `send` once the next node is on screen ({@link releaseHeldDecisions}, called by the review bar that
 * shows it), or after HOLD_LIMIT_MS if none shows: the request and the server's work on it then do not compete
 * with showing the next node (the page is already in the browser, prefetched), on the reviewer's machine or
 * the server's.
 */
export function sendOnceShown(send: () => void): void {
  listenForPageHide();
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    send();
  };
  held.push(once);
  setTimeout(once, HOLD_LIMIT_MS);
}

/** The next node is shown: every decision held until then leaves now. */
export function releaseHeldDecisions(): void {
  for (const send of held.splice(0)) send();
}

let listening = false;
/** The page goes away (tab closed, another site opened) with decisions held: they leave at once. */
function listenForPageHide(): void {
  if (listening || typeof window === "undefined") return;
  listening = true;
  window.addEventListener("pagehide", releaseHeldDecisions);
}
