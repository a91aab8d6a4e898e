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
 * The rest of a long text, after the start the page carried: "Show all"
 * fetches it chunk by chunk (GET …/nodes/[nodeId]/text) and appends each
 * chunk as it arrives, so the browser renders pieces instead of one giant
 * text; Stop (or leaving the page) cancels what is still to come.
 */
export function ShowAllText(props: {
  projectId: string;
  nodeId: string;
  field: TextChunkQuery["field"];
  /** Characters the page already shows. */
  from: number;
  length: number;
}) {
  const [chunks, setChunks] = useState<string[]>([]);
  const [shown, setShown] = useState(props.from);
  const [state, setState] = useState<"idle" | "loading" | "done" | "stopped" | "error">("idle");
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function load() {
    const abort = new AbortController();
    controller.current = abort;
    setState("loading");
    let offset = shown;
    try {
      for (;;) {
        const query = new URLSearchParams({ field: props.field, offset: String(offset) });
        const response = await fetch(`/api/projects/${props.projectId}/nodes/${props.nodeId}/text?${query}`, {
          cache: "no-store",
          signal: abort.signal,
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const chunk = (await response.json()) as Chunk;
        setChunks((c) => [...c, chunk.text]);
        setShown(chunk.end);
        offset = chunk.end;
        if (chunk.done || chunk.text === "") return setState("done");
        // Let the browser paint this chunk before asking for the next.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    } catch (error) {
      setState(abort.signal.aborted ? "stopped" : "error");
      if (!abort.signal.aborted) console.error("could not load the rest of the text", error);
    }
  }

  return (
    <>
      {chunks.map((text, i) => (
        <span key={i}>{text}</span>
      ))}
      {state !== "done" ? (
        <span className="mt-2 flex flex-wrap items-center gap-2 font-sans text-xs text-zinc-500">
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
        </span>
      ) : null}
    </>
  );
}
