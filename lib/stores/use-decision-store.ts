import { create } from "zustand";

/** A decision sent in the background after the view moved on to the next node. */
export interface PendingDecision {
  id: number;
  nodeId: string;
  decision: "accept" | "reject";
  /** The start of the node's instruction, to name it in messages. */
  label: string;
  /** Where the node is reviewed, to go back to it. */
  href: string;
}

/** A background decision that did not go through as sent: failed (nothing changed) or met another reviewer's. */
export interface DecisionNotice {
  id: number;
  tone: "error" | "warning";
  text: string;
  href: string;
}

/** A decision the server saved: the node's status after it, and when it was saved (the server's clock). */
export interface SavedDecision {
  decision: "accept" | "reject";
  humanStatus: string;
  at: string;
}

interface DecisionState {
  pending: PendingDecision[];
  notices: DecisionNotice[];
  /**
   * Decisions saved in the background, by node: a page of that node prefetched or visited before the decision
   * was saved shows its status from here (components/review/node-status-badge.tsx).
   */
  saved: Record<string, SavedDecision>;
  begin: (decision: Omit<PendingDecision, "id">) => PendingDecision;
  /**
   * The decision came back: saved (with the node's status then) or not, and with something to say (a failure,
   * or another reviewer's decision met) or nothing.
   */
  settle: (
    id: number,
    outcome: { saved: Omit<SavedDecision, "decision"> | null; notice: Omit<DecisionNotice, "id"> | null },
  ) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

/**
 * Decisions made with "accept and move on": the next node shows at once and
 * the decision is confirmed in the background (components/review/review-bar.tsx);
 * what is still on its way, and what came back failed, for every page to show
 * (components/review/decision-notices.tsx).
 */
export const useDecisionStore = create<DecisionState>((set) => ({
  pending: [],
  notices: [],
  saved: {},
  begin: (decision) => {
    const pending = { ...decision, id: nextId++ };
    set((s) => ({ pending: [...s.pending, pending] }));
    return pending;
  },
  settle: (id, { saved, notice }) =>
    set((s) => {
      const done = s.pending.find((p) => p.id === id);
      return {
        pending: s.pending.filter((p) => p.id !== id),
        notices: notice ? [...s.notices, { ...notice, id }] : s.notices,
        saved: done && saved ? { ...s.saved, [done.nodeId]: { ...saved, decision: done.decision } } : s.saved,
      };
    }),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

// Closing the tab while a decision is on its way asks first. Kept out of React, so that recording a decision does not
// re-render the page being left (components/review/decision-notices.tsx).
if (typeof window !== "undefined") {
  const warn = (event: BeforeUnloadEvent) => event.preventDefault();
  useDecisionStore.subscribe((state, previous) => {
    if (state.pending.length > 0 && previous.pending.length === 0) window.addEventListener("beforeunload", warn);
    if (state.pending.length === 0 && previous.pending.length > 0) window.removeEventListener("beforeunload", warn);
  });
}
