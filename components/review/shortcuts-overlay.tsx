"use client";

const SHORTCUTS: [string, string][] = [
  ["a", "Accept"],
  ["r", "Reject (then tags, note, Enter)"],
  ["e", "Edit instruction or answer"],
  ["s", "New sibling: re-evolve or re-answer"],
  ["j / k", "Next / previous node"],
  ["← →", "Parent / first child"],
  ["↑ ↓", "Previous / next sibling"],
  ["Esc", "Close a panel"],
  ["?", "Show or hide this list"],
];

/** The keys of the review bar; `s` only for those who may start new siblings here. */
export function ShortcutsOverlay({ canRedo, onClose }: { canRedo: boolean; onClose: () => void }) {
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-label="Keyboard shortcuts"
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/30"
      onClick={onClose}
    >
      <div className="w-80 rounded-lg bg-white p-4 shadow-lg" onClick={(e) => e.stopPropagation()}>
        <h2 className="mb-2 text-sm font-semibold">Keyboard shortcuts</h2>
        <dl className="space-y-1 text-sm">
          {SHORTCUTS.filter(([key]) => canRedo || key !== "s").map(([key, action]) => (
            <div key={key} className="flex justify-between gap-3">
              <dt>
                <kbd className="rounded border border-zinc-300 bg-zinc-50 px-1.5 font-mono text-xs">{key}</kbd>
              </dt>
              <dd className="text-zinc-600">{action}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
