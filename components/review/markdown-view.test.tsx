import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MARKDOWN_MAX_CHARS, MarkdownView } from "./markdown-view";

function render(text: string): string {
  return renderToStaticMarkup(<MarkdownView text={text} />);
}

/** Every href attribute in the markup. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/\shref="([^"]*)"/g)].map((m) => m[1]);
}

describe("MarkdownView", () => {
  it("renders headings, lists, emphasis and GFM tables", () => {
    const html = render(
      "# Title\n\n## Sub\n\n- one\n- **two**\n\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~",
    );
    expect(html).toContain('<div class="md-view">');
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<h2>Sub</h2>");
    expect(html).toContain("<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>");
    expect(html).toContain("<ol>\n<li>first</li>\n</ol>");
    expect(html).toMatch(/<table>.*<th>a<\/th>.*<td>2<\/td>.*<\/table>/s);
    expect(html).toContain("<del>gone</del>");
  });

  it("highlights a fenced code block with a language", () => {
    const html = render("```ts\nconst x: number = 1;\n```");
    expect(html).toContain('<code class="hljs language-ts">');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
    expect(html).toContain('<span class="hljs-built_in">number</span>');
  });

  it("leaves code without a language, or with an unknown one, plain", () => {
    expect(render("```\n<b>x</b>\n```")).toContain("<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>");
    expect(render("```nosuchlang\nx\n```")).toContain('<code class="hljs language-nosuchlang">x\n</code>');
  });

  it("adds the className", () => {
    expect(render("x")).toBe('<div class="md-view"><p>x</p></div>');
    expect(renderToStaticMarkup(<MarkdownView text="x" className="mt-2" />)).toBe(
      '<div class="md-view mt-2"><p>x</p></div>',
    );
  });

  it("shows a <script> block as literal text", () => {
    const html = render("before\n\n<script>alert(1)</script>\n\nafter");
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(
      '<pre class="md-raw-html" title="HTML in the text, shown as text">&lt;script&gt;alert(1)&lt;/script&gt;</pre>',
    );
  });

  it("shows HTML in a quote and in a table cell as literal text too", () => {
    const html = render('> <iframe src="http://evil/"></iframe>\n\n| a |\n|---|\n| <svg onload=alert(1)> |');
    expect(html).not.toMatch(/<(iframe|svg)/i);
    expect(html).toMatch(
      /<blockquote>\s*<pre class="md-raw-html"[^>]*>&lt;iframe src=&quot;http:\/\/evil\/&quot;&gt;&lt;\/iframe&gt;<\/pre>/,
    );
    expect(html).toContain(
      '<td><code class="md-raw-html" title="HTML in the text, shown as text">&lt;svg onload=alert(1)&gt;</code></td>',
    );
  });

  it("shows inline HTML with an event handler as literal text", () => {
    const html = render("look: <img src=x onerror=alert(1)> here");
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror=/i);
    expect(html).toContain(
      'look: <code class="md-raw-html" title="HTML in the text, shown as text">&lt;img src=x onerror=alert(1)&gt;</code> here',
    );
  });

  it("shows an HTML javascript: link as literal text", () => {
    const html = render('<a href="javascript:alert(1)">x</a>');
    expect(hrefs(html)).toEqual([]);
    expect(html).toContain("&lt;a href=&quot;javascript:alert(1)&quot;&gt;</code>x<code");
    expect(html).toContain("&lt;/a&gt;</code>");
  });

  it("turns a markdown javascript: link into text that says what it pointed to", () => {
    const html = render("[x](javascript:alert(1)) and [y](JAVA\tSCRIPT:alert(2))");
    expect(html).not.toMatch(/<a[\s>]/);
    expect(html).not.toMatch(/href=/);
    expect(html).toContain('x <span class="md-url-note">[link removed: javascript:alert(1)]</span>');
    expect(html).toContain("y");
  });

  it("never loads an image: alt text and URL are shown instead", () => {
    const html = render("![i](http://evil/x.png) ![](javascript:alert(1))");
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).toContain(
      '<span class="md-image">[image: i] <span class="md-url-note">http://evil/x.png</span></span>',
    );
    expect(html).toContain('<span class="md-url-note">javascript:alert(1)</span>');
  });

  it("opens http(s) and mailto links in a new tab without referrer", () => {
    const html = render("[site](https://example.com/a) <mailto:a@b.org> www.example.org");
    expect(hrefs(html)).toEqual(["https://example.com/a", "mailto:a@b.org", "http://www.example.org/"]);
    expect(html).toContain(
      '<a href="https://example.com/a" title="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow">site</a>',
    );
    expect(html.match(/rel="noopener noreferrer nofollow"/g)).toHaveLength(3);
  });

  it("drops relative links but keeps footnote anchors in the page", () => {
    const html = render("[rel](/api/projects) text[^1]\n\n[^1]: note");
    expect(html).toContain('rel <span class="md-url-note">[link removed: /api/projects]</span>');
    const links = hrefs(html);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((h) => h.startsWith("#user-content-fn"))).toBe(true);
    expect(html).not.toMatch(/href="#[^"]*"[^>]*target=/);
  });

  it("renders a text past the markdown limit as plain, escaped text", () => {
    const text = "# Not a heading\n<script>x</script> **not bold** ".repeat(Math.ceil(MARKDOWN_MAX_CHARS / 40));
    expect(text.length).toBeGreaterThan(MARKDOWN_MAX_CHARS);
    const html = render(text);
    expect(html).toContain('data-testid="plain-text"');
    expect(html).toContain("shown as plain text, without markdown");
    expect(html).not.toContain("<h1>");
    expect(html).not.toContain("<strong>");
    expect(html).toContain("# Not a heading\n&lt;script&gt;x&lt;/script&gt; **not bold**");
  });

  it("still renders markdown at the limit", () => {
    const text = "**bold** " + "x".repeat(MARKDOWN_MAX_CHARS - 9);
    expect(text.length).toBe(MARKDOWN_MAX_CHARS);
    expect(render(text)).toContain("<strong>bold</strong>");
  });
});
