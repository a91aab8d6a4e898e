"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal dialog (the browser's own <dialog>: focus trap, Escape, backdrop),
 * shown while `open`; `onClose` hears Escape and the close button.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      className="m-auto w-full max-w-2xl rounded-lg border border-zinc-200 bg-white p-0 text-left shadow-xl backdrop:bg-zinc-900/40"
    >
      {open ? (
        <div className="space-y-4 p-5">
          <div className="flex items-start justify-between gap-4">
            <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
            <button type="button" className="text-sm text-zinc-500 hover:text-zinc-900" onClick={onClose}>
              Close
            </button>
          </div>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
