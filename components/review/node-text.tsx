import { NODE_TEXT_HEAD, NODE_TEXT_LIMIT } from "@/lib/text/text-limits";
import type { TextChunkQuery } from "@/lib/validation/review";
import { MarkdownView } from "./markdown-view";
import { ShowAllText } from "./show-all-text";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * One text of a node in the node view: whole (as markdown, or plain when
 * long) up to NODE_TEXT_LIMIT characters; past it the page carries only its
 * first NODE_TEXT_HEAD (plain) and "Show all" brings the rest in chunks.
 */
export function NodeText(props: {
  projectId: string;
  nodeId: string;
  field: TextChunkQuery["field"];
  /** The text, or its first NODE_TEXT_HEAD characters when `length` > NODE_TEXT_LIMIT. */
  text: string;
  length: number;
}) {
  if (props.length <= NODE_TEXT_LIMIT) return <MarkdownView text={props.text} />;
  return (
    <div className="space-y-1" data-testid="long-text">
      <p className="text-xs text-zinc-500">
        A long text ({fmt(props.length)} characters), shown as plain text; the page carries its first{" "}
        {fmt(NODE_TEXT_HEAD)}.
      </p>
      <ShowAllText
        projectId={props.projectId}
        nodeId={props.nodeId}
        field={props.field}
        head={props.text}
        from={NODE_TEXT_HEAD}
        length={props.length}
      />
    </div>
  );
}
