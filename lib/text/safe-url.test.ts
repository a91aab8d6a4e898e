import { describe, expect, it } from "vitest";
import { safeHref } from "./safe-url";

describe("safeHref", () => {
  it("keeps http(s), mailto and same-page fragments", () => {
    expect(safeHref("https://example.com/a?b=1#c")).toBe("https://example.com/a?b=1#c");
    expect(safeHref("HTTP://Example.com")).toBe("http://example.com/");
    expect(safeHref("mailto:a@b.org")).toBe("mailto:a@b.org");
    expect(safeHref("#user-content-fn-1")).toBe("#user-content-fn-1");
  });

  it("drops scripts, data, relative and obfuscated URLs", () => {
    for (const url of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "java\nscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "/api/projects",
      "../x",
      "//evil.example/x",
      "",
    ]) {
      expect(safeHref(url), url).toBeNull();
    }
  });
});
