import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
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
});
