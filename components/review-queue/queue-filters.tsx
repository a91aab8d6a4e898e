import { Button } from "@/components/ui/button";
import { OPERATION_LABELS, OPERATIONS } from "@/lib/evolution/operations";
import { RULES } from "@/lib/evolution/eliminator";
import type { ReviewQueueFilter } from "@/lib/validation/review";

const select = "rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm";

/** A plain GET form, so every filtered view of the queue has a URL to share or reload. */
export function QueueFilters({
  projectId,
  filter,
  reviewerId,
}: {
  projectId: string;
  filter: ReviewQueueFilter;
  reviewerId: string;
}) {
  return (
    <form
      action={`/projects/${projectId}/review`}
      method="get"
      className="flex flex-wrap items-end gap-2 rounded-lg border border-zinc-200 bg-white p-3 text-sm"
      aria-label="Queue filters"
    >
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Human status</span>
        <select name="status" defaultValue={filter.status} className={select}>
          {["any", "unreviewed", "accepted", "rejected", "disputed"].map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Eliminator</span>
        <select name="verdict" defaultValue={filter.verdict} className={select}>
          {["any", "passed", "failed"].map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Rule fired</span>
        <select name="rule" defaultValue={filter.rule ?? ""} className={select}>
          <option value="">any</option>
          {[...RULES, "unparseable_reply"].map((r) => (
            <option key={r} value={r}>
              {r.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Operation</span>
        <select name="operation" defaultValue={filter.operation ?? ""} className={select}>
          <option value="">any</option>
          {OPERATIONS.map((op) => (
            <option key={op} value={op}>
              {OPERATION_LABELS[op]}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Round</span>
        <input name="round" type="number" min={0} defaultValue={filter.round ?? ""} className={`${select} w-16`} />
      </label>
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Skill</span>
        <input name="skill" defaultValue={filter.skill ?? ""} className={`${select} w-28`} />
      </label>
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Instruction contains</span>
        <input
          name="q"
          type="search"
          defaultValue={filter.q ?? ""}
          className={`${select} w-40`}
          aria-label="Search text"
        />
      </label>
      {filter.run ? <input type="hidden" name="run" value={filter.run} /> : null}
      <label className="flex items-center gap-1">
        <input type="checkbox" name="mine" value="1" defaultChecked={Boolean(filter.mine)} /> Waiting for me
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" name="disagreement" value="1" defaultChecked={Boolean(filter.disagreement)} /> Human ≠
        eliminator
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" name="reviewer" value={reviewerId} defaultChecked={filter.reviewer === reviewerId} />{" "}
        Reviewed by me
      </label>
      <label className="flex items-center gap-1">
        <input type="checkbox" name="seeds" value="1" defaultChecked={Boolean(filter.seeds)} /> Include seeds
      </label>
      <label className="space-y-0.5">
        <span className="block text-xs text-zinc-500">Order</span>
        <select name="sort" defaultValue={filter.sort} className={select}>
          <option value="newest">newest first</option>
          <option value="oldest">oldest first</option>
        </select>
      </label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </form>
  );
}
