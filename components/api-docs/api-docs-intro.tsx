import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "@/lib/routes/api-pagination";
import { CodeBlock } from "./code-block";

const ERROR_CODES: [string, string][] = [
  ["400 INVALID", "the request is not valid; details.fieldErrors names the fields"],
  ["401 UNAUTHENTICATED", "no token, or an unknown, revoked or expired one, or a disabled account"],
  ["403 FORBIDDEN", "a read-only token writing, or an annotator's token on an admins' endpoint"],
  ["404 NOT_FOUND", "unknown, or a project the token may not reach (the same answer)"],
  ["409 CONFLICT", "the change clashes with the current state"],
  ["413 TOO_LARGE", "the body is over the limit below"],
  ["429 RATE_LIMITED", "the token's requests this minute are used up; Retry-After says when to retry"],
];

function Code({ children }: { children: React.ReactNode }) {
  return <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs text-zinc-800">{children}</code>;
}

/** How to call the API at all: a token, the header, pages, errors and limits (this server's settings). */
export function ApiDocsIntro({
  origin,
  rateLimitPerMinute,
  maxBodyBytes,
}: {
  origin: string;
  rateLimitPerMinute: number;
  maxBodyBytes: number;
}) {
  return (
    <Card title="Introduction" className="scroll-mt-4">
      <div id="introduction" className="space-y-3 text-sm text-zinc-700">
        <p>
          A REST API for scripts and pipelines: JSON in and out, under <Code>{`${origin}/api/v1`}</Code>. This page is
          built from the same document as{" "}
          <a href="/api/v1/openapi.json" className="text-indigo-700 hover:underline">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1, for client generators), itself built from the schemas the endpoints check.
        </p>
        <p>
          <strong className="font-medium text-zinc-900">Tokens.</strong> Create one on{" "}
          <Link href="/account/tokens" className="text-indigo-700 hover:underline">
            API tokens
          </Link>
          : <Code>read</Code> only looks, <Code>write</Code> may also change things. It is shown once. A token acts as
          you, with your role and project access and never more, and can be limited to some projects.
        </p>
        <p>
          <strong className="font-medium text-zinc-900">Requests.</strong> Send it as{" "}
          <Code>Authorization: Bearer evs_…</Code> (cookies are ignored). Bodies are JSON, at most{" "}
          <strong data-testid="max-body-bytes">{maxBodyBytes.toLocaleString("en")} bytes</strong>; each token may make{" "}
          <strong data-testid="rate-limit">{rateLimitPerMinute.toLocaleString("en")} requests a minute</strong>.
        </p>
        <p>
          <strong className="font-medium text-zinc-900">Pages.</strong> Lists answer{" "}
          <Code>{`{ "data": [...], "next_cursor": "…" | null }`}</Code>, newest first: pass <Code>?cursor=</Code> with
          the last <Code>next_cursor</Code> for the next page, and <Code>?limit=</Code> (1–{MAX_PAGE_SIZE}, default{" "}
          {DEFAULT_PAGE_SIZE}) for its size.
        </p>
        <div className="space-y-1">
          <p>
            <strong className="font-medium text-zinc-900">Errors</strong> have one shape,{" "}
            <Code>{`{ "error": { "code", "message", "details"? } }`}</Code>:
          </p>
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-0.5 text-xs">
            {ERROR_CODES.map(([code, meaning]) => (
              <div key={code} className="contents">
                <dt className="font-mono text-zinc-800">{code}</dt>
                <dd className="text-zinc-600">{meaning}</dd>
              </div>
            ))}
          </dl>
        </div>
        <CodeBlock
          label="first call"
          code={`export TOKEN=evs_…\ncurl -sS "${origin}/api/v1/projects" -H "Authorization: Bearer $TOKEN"`}
        />
      </div>
    </Card>
  );
}
