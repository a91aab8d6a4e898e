"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { routeErrorMessage } from "@/lib/routes/route-error";
import type { ExportOptions } from "@/lib/validation/export";

const FRAME = "export-download-frame";

/**
 * "Download now": posts the options to the streaming route in a hidden frame,
 * so the browser saves the response as a download while it is streamed from
 * the database. An error comes back as a small JSON page in the frame, shown
 * here; a download leaves the frame alone.
 */
export function DownloadNow(props: { projectId: string; options: ExportOptions; disabled: boolean }) {
  const router = useRouter();
  const frame = useRef<HTMLIFrameElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  return (
    <form
      method="post"
      action={`/api/projects/${props.projectId}/exports/stream`}
      target={FRAME}
      onSubmit={() => {
        setError(null);
        setSent(true);
        // The export is recorded when the stream starts; show it in the history.
        setTimeout(() => router.refresh(), 1_500);
      }}
      className="inline"
    >
      <input type="hidden" name="options" value={JSON.stringify(props.options)} />
      <Button type="submit" variant="secondary" disabled={props.disabled}>
        Download now
      </Button>
      {sent && !error ? (
        <span className="ml-2 text-xs text-zinc-500" role="status">
          Streaming; your browser saves the file as it arrives.
        </span>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <iframe
        ref={frame}
        name={FRAME}
        title="Export download"
        hidden
        onLoad={() => {
          const text = frame.current?.contentDocument?.body?.textContent?.trim();
          if (!text) return;
          try {
            setError(routeErrorMessage(JSON.parse(text)) ?? text);
          } catch {
            setError(text.slice(0, 300));
          }
        }}
      />
    </form>
  );
}
