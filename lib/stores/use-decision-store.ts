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

interface DecisionState {
  pending: PendingDecision[];
  notices: DecisionNotice[];
  /** Decisions saved in the background, by node: a page of that node prefetched before may not show them yet. */
  saved: Record<string, "accept" | "reject">;
  begin: (decision: Omit<PendingDecision, "id">) => PendingDecision;
  /** The decision is saved (notice null) or came back with something to say. */
  settle: (id: number, notice: Omit<DecisionNotice, "id"> | null) => void;
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
  settle: (id, notice) =>
    set((s) => {
      const done = s.pending.find((p) => p.id === id);
      const saved = done && !notice ? { ...s.saved, [done.nodeId]: done.decision } : s.saved;
      return {
        pending: s.pending.filter((p) => p.id !== id),
        notices: notice ? [...s.notices, { ...notice, id }] : s.notices,
        saved,
      };
    }),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));
