import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DIFF_MAX_WORDS } from "@/lib/text/word-diff";
import { WordDiffView } from "./word-diff-view";

describe("WordDiffView", () => {
  it("marks removed and added words, keeps whitespace and sums them up", () => {
    const html = renderToStaticMarkup(
      <WordDiffView before={"The big cat\n sat."} after={"The small grey cat\n sat."} />,
    );
    expect(html).toContain("+2 words, −1 word");
    expect(html).toMatch(
      /<del[^>]*><span class="sr-only">\[removed: <\/span>big<span class="sr-only">]<\/span><\/del>/,
    );
    expect(html).toMatch(
      /<ins[^>]*><span class="sr-only">\[added: <\/span>small<span class="sr-only">]<\/span><\/ins>/,
    );
    expect(html).toMatch(
      /<ins[^>]*><span class="sr-only">\[added: <\/span>grey <span class="sr-only">]<\/span><\/ins>/,
    );
    expect(html).toContain("whitespace-pre-wrap");
    expect(html).toContain("<span>cat\n sat.</span>");
  });

  it("escapes the texts", () => {
    const html = renderToStaticMarkup(<WordDiffView before="a" after="a <script>x</script>" />);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("shows no change for identical texts", () => {
    const html = renderToStaticMarkup(<WordDiffView before="same" after="same" />);
    expect(html).toContain("+0 words, −0 words");
    expect(html).not.toMatch(/<(ins|del)/);
  });

  it("says a text over the word limit is too long to diff, and renders no diff of it", () => {
    const long = Array.from({ length: DIFF_MAX_WORDS + 1 }, (_, i) => `w${i}`).join(" ");
    const html = renderToStaticMarkup(<WordDiffView before="short" after={long} />);
    expect(html).toContain(`Too long to diff (${(DIFF_MAX_WORDS + 1).toLocaleString("en-US")} words).`);
    expect(html).not.toMatch(/<(ins|del)/);
    expect(html.length).toBeLessThan(1_000);
  });

  it("shows the parent's text plain when the texts differ too much to diff", () => {
    const a = Array.from({ length: 3_000 }, (_, i) => `a${i}`).join(" ");
    const b = Array.from({ length: 3_000 }, (_, i) => `b${i}`).join(" ");
    const html = renderToStaticMarkup(<WordDiffView before={a} after={b} />);
    expect(html).toContain("Too many changes to diff (3,000 words).");
    expect(html).toContain('data-testid="word-diff-before"');
    expect(html).not.toMatch(/<(ins|del)/);
  });

  it("does not diff clipped texts", () => {
    const html = renderToStaticMarkup(<WordDiffView before="a b" after="a c" clipped />);
    expect(html).toContain("Too long to diff.");
    expect(html).not.toMatch(/<(ins|del)/);
  });
});
