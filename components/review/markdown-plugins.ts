/** The parts of a hast tree these plugins touch. */
export interface HastNodeLike {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNodeLike[];
  data?: Record<string, unknown>;
}

function* walk(tree: HastNodeLike): Generator<HastNodeLike> {
  const stack: HastNodeLike[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    yield node;
    if (node.children) stack.push(...node.children);
  }
}

const URL_PROPERTY: Readonly<Record<string, string>> = { a: "href", img: "src" };

/**
 * Remember each link's and image's URL as written, before react-markdown's `urlTransform`
 * blanks an unsafe one, so the annotator can still read what it was. Kept in the node's
 * `data`, which is never rendered as an attribute.
 */
export function rehypeKeepOriginalUrl() {
  return (tree: HastNodeLike) => {
    for (const node of walk(tree)) {
      const key = node.type === "element" && node.tagName ? URL_PROPERTY[node.tagName] : undefined;
      const value = key ? node.properties?.[key] : undefined;
      if (typeof value === "string") node.data = { ...node.data, originalUrl: value };
    }
  };
}

/**
 * Show HTML written in the text as marked-up literal text: a block of it (top level or in a
 * quote) as a `pre`, an inline tag as `code`, both with class `md-raw-html`. The HTML is only
 * ever a text node, never parsed. (Without this plugin react-markdown would still print it
 * as plain text: it turns raw nodes into text unless `rehype-raw` is used, which we never do.)
 */
export function rehypeShowRawHtml() {
  return (tree: HastNodeLike) => {
    for (const parent of walk(tree)) {
      parent.children = parent.children?.map((node) => {
        if (node.type !== "raw") return node;
        const text: HastNodeLike = { type: "text", value: node.value ?? "" };
        const properties = { className: ["md-raw-html"], title: "HTML in the text, shown as text" };
        const block = parent.type === "root" || parent.tagName === "blockquote";
        return block
          ? { type: "element", tagName: "pre", properties, children: [text] }
          : { type: "element", tagName: "code", properties, children: [text] };
      });
    }
  };
}
