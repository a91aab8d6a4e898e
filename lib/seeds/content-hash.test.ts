import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { contentHashOf, normalizeWhitespace } from "./content-hash";

describe("normalizeWhitespace", () => {
  it("trims and collapses ASCII whitespace runs", () => {
    expect(normalizeWhitespace("  Write\t\ta \r\n poem  ")).toBe("Write a poem");
  });

  it("treats Unicode spaces (NBSP, ideographic, NEL, line separator) as whitespace", () => {
    expect(normalizeWhitespace("\u00a0a\u3000b\u0085c\u2028d\u202f")).toBe("a b c d");
  });

  it("returns an empty string for whitespace-only input", () => {
    expect(normalizeWhitespace(" \n\t ")).toBe("");
  });
});

describe("contentHashOf", () => {
  it("is sha-256 hex of the normalised instruction, a NUL, and the normalised input", () => {
    const expected = createHash("sha256").update("Sort the list\u00003, 1, 2").digest("hex");
    expect(contentHashOf("  Sort  the\nlist ", "3, 1,\t2")).toBe(expected);
  });

  it("ignores whitespace differences but not case", () => {
    expect(contentHashOf("Hello  world", "")).toBe(contentHashOf("Hello world ", " "));
    expect(contentHashOf("hello world", "")).not.toBe(contentHashOf("Hello world", ""));
  });

  it("keeps instruction and input apart", () => {
    expect(contentHashOf("ab", "c")).not.toBe(contentHashOf("a", "bc"));
    expect(contentHashOf("a b", "")).not.toBe(contentHashOf("a", "b"));
  });
});
