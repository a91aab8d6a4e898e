import { CopyButton } from "./copy-button";

/** A dark code block with a copy button, e.g. an endpoint's curl example. */
export function CodeBlock({ code, label, testId }: { code: string; label: string; testId?: string }) {
  return (
    <div className="overflow-hidden rounded-md bg-zinc-900" data-testid={testId}>
      <div className="flex items-center justify-between border-b border-zinc-700 px-3 py-1 text-xs text-zinc-400">
        <span>{label}</span>
        <CopyButton text={code} label={`Copy ${label}`} />
      </div>
      <pre className="overflow-x-auto p-3 text-xs leading-relaxed text-zinc-100">
        <code>{code}</code>
      </pre>
    </div>
  );
}
