"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { buildEvalSetAction } from "@/lib/actions/eval-sets/build-eval-set";
import { BUCKET_LABELS, DIFFICULTY_BUCKETS, type DifficultyBucket } from "@/lib/eval-sets/difficulty-buckets";

const fmt = (n: number) => n.toLocaleString("en-US");

/** Name, size per difficulty bucket, hold-out switch and an optional seed; builds the set and says what it drew. */
export function BuildEvalSetForm({
  projectId,
  totals,
}: {
  projectId: string;
  totals: Record<DifficultyBucket, number>;
}) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [sizes, setSizes] = useState<Record<DifficultyBucket, string>>({ easy: "0", medium: "0", hard: "0" });
  const [holdOut, setHoldOut] = useState(true);
  const [seed, setSeed] = useState("");
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const build = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await buildEvalSetAction({ projectId, name, holdOut, seed, sizes });
      if (!result.ok) return setMessage({ tone: "error", text: result.error });
      const short = result.data.report.buckets.reduce((sum, b) => sum + b.shortfall, 0);
      setMessage({
        tone: "success",
        text: `Drew ${fmt(result.data.nodeCount)} nodes (seed ${result.data.seed})${short ? `; ${fmt(short)} fewer than asked: the buckets hold no more` : ""}.`,
      });
      setName("");
      router.refresh();
    });

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        build();
      }}
    >
      <Field label="Name">
        <Input value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} required />
      </Field>
      <div className="grid grid-cols-3 gap-3">
        {DIFFICULTY_BUCKETS.map((b) => (
          <Field key={b} label={BUCKET_LABELS[b]} hint={`${fmt(totals[b])} available`}>
            <Input
              type="number"
              min={0}
              inputMode="numeric"
              value={sizes[b]}
              onChange={(e) => {
                // Read now: the updater runs after the event, when currentTarget is gone.
                const value = e.currentTarget.value;
                setSizes((s) => ({ ...s, [b]: value }));
              }}
            />
          </Field>
        ))}
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="rounded border-zinc-300 text-indigo-600"
          checked={holdOut}
          onChange={(e) => setHoldOut(e.currentTarget.checked)}
        />
        Hold out: leave these nodes out of training exports
      </label>
      <Field label="Random seed" hint="Blank: a new one, recorded with the set. The same seed draws the same nodes.">
        <Input value={seed} onChange={(e) => setSeed(e.currentTarget.value)} maxLength={100} />
      </Field>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Drawing…" : "Build evaluation set"}
      </Button>
    </form>
  );
}
