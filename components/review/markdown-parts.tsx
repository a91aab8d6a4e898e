import type { Components, ExtraProps } from "react-markdown";

type HastElement = NonNullable<ExtraProps["node"]>;

function originalUrl(node: HastElement | undefined): string {
  const data: unknown = node?.data;
  if (typeof data === "object" && data !== null && "originalUrl" in data && typeof data.originalUrl === "string") {
    return data.originalUrl;
  }
  return "";
}

const MarkdownLink: Components["a"] = ({ node, href, children, ...rest }) => {
  if (!href) {
    return (
      <span className="md-blocked-link">
        {children} <span className="md-url-note">[link removed: {originalUrl(node) || "unsafe URL"}]</span>
      </span>
    );
  }
  if (href.startsWith("#")) {
    return (
      <a {...rest} href={href}>
        {children}
      </a>
    );
  }
  return (
    <a {...rest} href={href} title={rest.title ?? href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
};

/** Never an <img>: the annotator's browser must not fetch URLs chosen by model output. */
const MarkdownImage: Components["img"] = ({ node, alt, src }) => {
  const url = originalUrl(node) || (typeof src === "string" ? src : "");
  return (
    <span className="md-image">
      [image{alt ? `: ${alt}` : ""}] <span className="md-url-note">{url}</span>
    </span>
  );
};

export const markdownComponents: Components = { a: MarkdownLink, img: MarkdownImage };
