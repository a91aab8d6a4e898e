import { OPERATION_LABELS, type Operation } from "@/lib/evolution/operations";
import type { DashboardRule } from "@/lib/server/dashboard/dashboard-types";
import { RULE_TEXT } from "@/lib/evolution/rule-text";

// Colours are hex because they fill SVG; the same meaning keeps the same colour on every chart.
export const STATUS_SERIES = [
  { key: "accepted", label: "Accepted", color: "#10b981" },
  { key: "rejected", label: "Rejected", color: "#ef4444" },
  { key: "disputed", label: "Disputed", color: "#f59e0b" },
  { key: "unreviewed", label: "Unreviewed", color: "#a1a1aa" },
] as const;

export const VERDICT_SERIES = [
  { key: "passed", label: "Passed", color: "#10b981" },
  { key: "failed", label: "Eliminated", color: "#f59e0b" },
  { key: "pending", label: "Pending", color: "#a5b4fc" },
] as const;

export const OPERATION_COLORS: Record<Operation, string> = {
  add_constraints: "#6366f1",
  deepen: "#0ea5e9",
  concretize: "#14b8a6",
  increase_reasoning: "#f59e0b",
  complicate_input: "#ec4899",
  breadth: "#84cc16",
};

export const RULE_COLORS: Record<DashboardRule, string> = {
  no_information_gain: "#6366f1",
  refusal: "#ef4444",
  empty_answer: "#f59e0b",
  copied_prompt: "#0ea5e9",
  duplicate: "#14b8a6",
  unparseable_reply: "#a855f7",
};

export function ruleLabel(rule: DashboardRule): string {
  return rule === "unparseable_reply" ? "Unparseable reply" : RULE_TEXT[rule].label;
}

export const operationLabel = (op: Operation) => OPERATION_LABELS[op];

export const roundLabel = (round: number) => (round === 0 ? "Seeds" : `Round ${round}`);

export const percentTick = (value: number) => `${Math.round(value * 100)}%`;

export function percent(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : "–";
}

export function count(value: unknown): string {
  return typeof value === "number" ? value.toLocaleString("en-US") : String(value ?? "–");
}

export const AXIS_TICK = { fontSize: 12, fill: "#52525b" };
export const CHART_STYLE = { width: "100%", height: 260 };

/** Legends keep the series' own order, in small dark text (light series colours are hard to read as text). */
export const LEGEND = {
  verticalAlign: "top",
  itemSorter: null,
  wrapperStyle: { fontSize: 12 },
  formatter: (value: unknown) => <span style={{ color: "#3f3f46" }}>{String(value)}</span>,
} as const;
