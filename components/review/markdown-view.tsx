import Markdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { safeHref } from "@/lib/text/safe-url";
import { markdownComponents } from "./markdown-parts";
import { rehypeKeepOriginalUrl, rehypeShowRawHtml } from "./markdown-plugins";
import "./markdown.css";

/** Past this many characters a text is shown as plain wrapped text: parsing and highlighting it would stall the page. */
export const MARKDOWN_MAX_CHARS = 50_000;

const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeShowRawHtml, rehypeKeepOriginalUrl, rehypeHighlight];

/**
 * User or model text rendered as markdown, safely: raw HTML is shown as marked literal text
 * (never parsed, so an annotator sees a `<script>` the text contained), links go only to
 * http(s)/mailto and open in a new tab, and images are shown as alt text plus URL, never
 * loaded. Fenced code with a language is highlighted. Works as a server or client component.
 * Beyond MARKDOWN_MAX_CHARS the text is shown plain (React escapes it), with a note saying so.
 */
export function MarkdownView({ text, className = "" }: { text: string; className?: string }) {
  if (text.length > MARKDOWN_MAX_CHARS) return <PlainText text={text} className={className} />;
  return (
    <div className={`md-view ${className}`.trim()}>
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={markdownComponents}
        urlTransform={safeHref}
      >
        {text}
      </Markdown>
    </div>
  );
}

/** A text too long for markdown, as it is: wrapped, whitespace kept. */
export function PlainText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <div className={`space-y-1 ${className}`.trim()} data-testid="plain-text">
      <p className="text-xs text-zinc-500">Long text: shown as plain text, without markdown.</p>
      <div className="whitespace-pre-wrap break-words font-mono text-sm text-zinc-800">{text}</div>
    </div>
  );
}
