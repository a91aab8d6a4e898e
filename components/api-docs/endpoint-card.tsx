import type { ApiEndpoint } from "@/lib/api/api-reference";
import { CodeBlock } from "./code-block";
import { EndpointAccess } from "./endpoint-access";
import { MethodBadge } from "./method-badge";
import { SchemaTable } from "./schema-table";

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1.5">
      <h4 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</h4>
      {children}
    </div>
  );
}

/** One endpoint: what it does, who may call it, its inputs and answers, its errors and a curl example. */
export function EndpointCard({ endpoint }: { endpoint: ApiEndpoint }) {
  return (
    <article
      id={endpoint.id}
      className="scroll-mt-4 rounded-lg border border-zinc-200 bg-white shadow-xs"
      data-testid="api-endpoint"
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-zinc-100 px-4 py-3">
        <MethodBadge method={endpoint.method} />
        <h3 className="font-mono text-sm font-semibold break-all text-zinc-900">{endpoint.path}</h3>
        <a
          href={`#${endpoint.id}`}
          className="ml-auto text-xs text-zinc-400 hover:text-indigo-700"
          aria-label="Link to this endpoint"
        >
          #
        </a>
      </header>
      <div className="space-y-4 p-4">
        <div className="space-y-1.5">
          <p className="text-sm text-zinc-800">{endpoint.summary}</p>
          {endpoint.description ? <p className="text-sm text-zinc-600">{endpoint.description}</p> : null}
          <EndpointAccess endpoint={endpoint} />
        </div>
        {endpoint.parameters.length ? (
          <Part title="Parameters">
            <SchemaTable rows={endpoint.parameters} showIn testId="endpoint-parameters" />
          </Part>
        ) : null}
        {endpoint.body ? (
          <Part title={`Request body${endpoint.body.required ? "" : " (optional)"}`}>
            <p className="text-xs text-zinc-600">
              {endpoint.body.description ? `${endpoint.body.description} · ` : ""}
              {endpoint.body.contentTypes.join(", ")}
            </p>
            {endpoint.body.rows.length ? <SchemaTable rows={endpoint.body.rows} testId="endpoint-body" /> : null}
          </Part>
        ) : null}
        {endpoint.answers.map((answer) => (
          <Part key={answer.status} title={`Answer ${answer.status}`}>
            <p className="text-xs text-zinc-600">
              {answer.description}
              {answer.contentTypes.length ? ` · ${answer.contentTypes.join(", ")}` : ""}
            </p>
            {answer.rows.length ? <SchemaTable rows={answer.rows} testId="endpoint-answer" /> : null}
          </Part>
        ))}
        {endpoint.errors.length ? (
          <Part title="Errors">
            <dl className="grid grid-cols-[3rem_1fr] gap-x-3 gap-y-1 text-xs" data-testid="endpoint-errors">
              {endpoint.errors.map((error) => (
                <div key={error.status} className="contents">
                  <dt className="font-mono font-semibold text-zinc-800">{error.status}</dt>
                  <dd className="text-zinc-600">{error.description}</dd>
                </div>
              ))}
            </dl>
          </Part>
        ) : null}
        <CodeBlock code={endpoint.curl} label="curl" testId="endpoint-curl" />
      </div>
    </article>
  );
}
