import Markdown from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import remarkGfm from "remark-gfm";
import { safeHref } from "@/lib/text/safe-url";
import { markdownComponents } from "./markdown-parts";
import { rehypeKeepOriginalUrl, rehypeShowRawHtml } from "./markdown-plugins";
import "./markdown.css";

const remarkPlugins = [remarkGfm];
const rehypePlugins = [rehypeShowRawHtml, rehypeKeepOriginalUrl, rehypeHighlight];

/**
 * User or model text rendered as markdown, safely: raw HTML is shown as marked literal text
 * (never parsed, so an annotator sees a `<script>` the text contained), links go only to
 * http(s)/mailto and open in a new tab, and images are shown as alt text plus URL, never
 * loaded. Fenced code with a language is highlighted. Works as a server or client component.
 */
export function MarkdownView({ text, className = "" }: { text: string; className?: string }) {
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
