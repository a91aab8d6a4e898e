// Who may start a redo (a paid one-step run) and how many: shared by the
// server, which enforces it, and the review bar, which shows it.

/** An annotator's quota counts the redo runs they started in the last this-many hours (a rolling window). */
export const REDO_WINDOW_HOURS = 24;

/**
 * Whether the viewer may start a redo in a project: admins always, without a
 * quota; annotators when the project allows it, up to its daily quota
 * (`nextAt`: when the oldest counted redo leaves the window, once none are left).
 */
export type RedoAllowance =
  | { allowed: true; quota: null; remaining: null }
  | { allowed: true; quota: number; remaining: number; nextAt: Date | null }
  | { allowed: false; reason: string };
