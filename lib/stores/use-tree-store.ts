import { create } from "zustand";

export type TreeFilter = "all" | "passed" | "failed" | "unreviewed" | "accepted" | "rejected";

interface TreeState {
  collapsed: Set<string>;
  filter: TreeFilter;
  toggle: (id: string) => void;
  expand: (id: string) => void;
  collapse: (id: string) => void;
  setFilter: (filter: TreeFilter) => void;
}

/** The lineage tree view: which branches are folded and which nodes are highlighted. */
export const useTreeStore = create<TreeState>((set) => ({
  collapsed: new Set(),
  filter: "all",
  toggle: (id) =>
    set((s) => {
      const next = new Set(s.collapsed);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { collapsed: next };
    }),
  expand: (id) =>
    set((s) => (s.collapsed.has(id) ? { collapsed: new Set([...s.collapsed].filter((c) => c !== id)) } : s)),
  collapse: (id) => set((s) => (s.collapsed.has(id) ? s : { collapsed: new Set([...s.collapsed, id]) })),
  setFilter: (filter) => set({ filter }),
}));
