"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { editNodeAction } from "@/lib/actions/review/edit-node";
import { NODE_TEXT_LIMIT } from "@/lib/text/text-limits";

/** Edits the instruction or the answer; the original stays in the node's history. */
export function EditPanel(props: {
  projectId: string;
  nodeId: string;
  instruction: string;
  output: string;
  lengths: { instruction: number; output: number };
  onDone: () => void;
}) {
  const [field, setField] = useState<"instruction" | "output">("instruction");
  const [text, setText] = useState(props.instruction);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  // The page carries only the start of a long text; an edit of it would cut the rest off.
  const tooLong = props.lengths[field] > NODE_TEXT_LIMIT;
  const choose = (f: "instruction" | "output") => {
    setField(f);
    setText(f === "instruction" ? props.instruction : props.output);
  };
  return (
    <form
      className="space-y-2 rounded-md border border-zinc-200 bg-white p-3"
      onSubmit={(e) => {
        e.preventDefault();
        startTransition(async () => {
          const result = await editNodeAction({ projectId: props.projectId, nodeId: props.nodeId, field, text });
          if (!result.ok) return setError(result.error);
          props.onDone();
        });
      }}
    >
      <div className="flex gap-3 text-sm">
        {(["instruction", "output"] as const).map((f) => (
          <label key={f} className="flex items-center gap-1">
            <input type="radio" name="field" checked={field === f} onChange={() => choose(f)} />
            {f === "instruction" ? "Instruction" : "Answer"}
          </label>
        ))}
      </div>
      {tooLong ? (
        <p className="text-xs text-zinc-600" data-testid="edit-too-long">
          Too long to edit here: {props.lengths[field].toLocaleString("en-US")} characters (edits take up to{" "}
          {NODE_TEXT_LIMIT.toLocaleString("en-US")}).
        </p>
      ) : null}
      <textarea
        autoFocus
        hidden={tooLong}
        aria-label={`Edit ${field === "instruction" ? "instruction" : "answer"}`}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        rows={8}
        className="w-full rounded border border-zinc-300 px-2 py-1 font-mono text-sm"
      />
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending || tooLong}>
          Save edit
        </Button>
        <Button variant="ghost" onClick={props.onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
