"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { TextChunkQuery } from "@/lib/validation/review";

const fmt = (n: number) => n.toLocaleString("en-US");

interface Chunk {
  text: string;
  end: number;
  done: boolean;
}

/**
 * Where to end a block of `text`: after its last line break, or failing that
 * its last space, if either is in its second half; else at its end. Blocks
 * then rarely break a line where the text does not.
 */
function blockEnd(text: string): number {
  for (const mark of ["\n", " "]) {
    const at = text.lastIndexOf(mark);
    if (at >= text.length / 2) return at + 1;
  }
  return text.length;
}

/** `text` as whole blocks and the rest (shown after them, completed by the next chunk). */
function splitBlocks(text: string): { block: string; rest: string } {
  const end = blockEnd(text);
  return { block: text.slice(0, end), rest: text.slice(end) };
}

/**
 * A long text of a node: its start (what the page carried), then on "Show
 * all" the rest, fetched chunk by chunk (GET …/nodes/[nodeId]/text) and
 * appended as blocks the browser lays out only when they scroll into view
 * (content-visibility), so megabytes of text arrive without one giant render.
 * Stop (or leaving the page) cancels what is still to come.
 */
export function ShowAllText(props: {
  projectId: string;
  nodeId: string;
  field: TextChunkQuery["field"];
  /** The text's start, and how many characters it is (offsets count characters, as the server does). */
  head: string;
  from: number;
  length: number;
}) {
  const [blocks, setBlocks] = useState<string[]>(() => [splitBlocks(props.head).block]);
  const [rest, setRest] = useState(() => splitBlocks(props.head).rest);
  const [shown, setShown] = useState(props.from);
  const [state, setState] = useState<"idle" | "loading" | "done" | "stopped" | "error">("idle");
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function load() {
    const abort = new AbortController();
    controller.current = abort;
    setState("loading");
    let offset = shown;
    let pending = rest;
    try {
      for (;;) {
        const query = new URLSearchParams({ field: props.field, offset: String(offset) });
        const response = await fetch(`/api/projects/${props.projectId}/nodes/${props.nodeId}/text?${query}`, {
          cache: "no-store",
          signal: abort.signal,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const chunk = (await response.json()) as Chunk;
        const last = chunk.done || chunk.text === "";
        const { block, rest: next } = last
          ? { block: pending + chunk.text, rest: "" }
          : splitBlocks(pending + chunk.text);
        pending = next;
        offset = chunk.end;
        setBlocks((b) => [...b, block]);
        setRest(next);
        setShown(chunk.end);
        if (last) return setState("done");
        // Let the browser paint this block before asking for the next.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch (error) {
      setState(abort.signal.aborted ? "stopped" : "error");
      if (!abort.signal.aborted) console.error("could not load the rest of the text", error);
    }
  }

  return (
    <>
      <div className="whitespace-pre-wrap break-words font-mono text-sm text-zinc-800">
        {blocks.map((text, i) => (
          <div key={i} className={i > 0 ? "[contain-intrinsic-size:auto_40rem] [content-visibility:auto]" : ""}>
            {text}
          </div>
        ))}
        {rest ? <div>{rest}</div> : null}
      </div>
      {state !== "done" ? (
        <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
          {state === "loading" ? (
            <>
              <span aria-live="polite" data-testid="show-all-progress">
                {fmt(shown)} of {fmt(props.length)} characters…
              </span>
              <Button variant="ghost" onClick={() => controller.current?.abort()}>
                Stop
              </Button>
            </>
          ) : (
            <>
              <span>
                … {fmt(props.length - shown)} more characters{state === "error" ? " (loading failed)" : ""}
              </span>
              <Button variant="secondary" onClick={load} data-testid="show-all">
                {shown === props.from ? `Show all (${fmt(props.length)} characters)` : "Show the rest"}
              </Button>
            </>
          )}
        </div>
      ) : null}
    </>
  );
}
