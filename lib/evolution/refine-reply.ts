import { methodTextsSchema, type InDepthOperation, type MethodTexts } from "./method-texts";
import { isOperation } from "./operations";

export type ParsedRefineReply =
  { ok: true; texts: MethodTexts; revised: InDepthOperation[] } | { ok: false; reason: string };

// "add_constraints: …", also as a list item, numbered, or with the name in back-ticks, bold or quotes.
const OPERATION_LINE = /^\s*(?:[-*•]\s+|\d+[.)]\s+)?[`*"']*([a-z_]+)[`*"']*\s*:\s*(.*)$/;

function unquote(text: string): string {
  const trimmed = text.trim();
  const quoted = /^(["'“`])(.*)(["'”`])$/s.exec(trimmed);
  return quoted ? quoted[2].trim() : trimmed;
}

/**
 * The optimizer's reply read as one revised sentence per operation asked
 * about; a line that does not start a new operation continues the previous
 * one. The revised texts are the current ones with those sentences put in,
 * checked like any method's texts. `revised`: operations whose sentence changed.
 */
export function parseRefineReply(
  reply: string,
  current: MethodTexts,
  asked: readonly InDepthOperation[],
): ParsedRefineReply {
  const sentences = new Map<InDepthOperation, string>();
  let open: InDepthOperation | null = null;
  for (const line of reply.split("\n")) {
    if (/^\s*```/.test(line)) continue;
    const match = OPERATION_LINE.exec(line);
    const named = match && asked.find((op) => op === match[1]);
    if (named) {
      open = sentences.has(named) ? null : named;
      if (open) sentences.set(open, match[2]);
    } else if (match && isOperation(match[1])) {
      // An operation not asked about: its sentence continues nothing.
      open = null;
    } else if (open && line.trim()) {
      sentences.set(open, `${sentences.get(open)} ${line.trim()}`);
    } else if (!line.trim()) {
      open = null;
    }
  }
  return toResult(sentences, current);
}

function toResult(sentences: Map<InDepthOperation, string>, current: MethodTexts): ParsedRefineReply {
  if (sentences.size === 0)
    return { ok: false, reason: 'The optimizer\'s reply named no operation asked about ("operation_name: sentence").' };
  const operationMethods = { ...current.operationMethods };
  for (const [op, sentence] of sentences) operationMethods[op] = unquote(sentence);
  const checked = methodTextsSchema.safeParse({ ...current, operationMethods });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      reason: `The optimizer's sentence for ${String(issue.path.at(-1))} is not usable: ${issue.message}`,
    };
  }
  const revised = [...sentences.keys()].filter(
    (op) => checked.data.operationMethods[op] !== current.operationMethods[op],
  );
  return { ok: true, texts: checked.data, revised };
}
