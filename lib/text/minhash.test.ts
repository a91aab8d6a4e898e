import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { minHashSignature } from "./minhash";

const digest = (sig: Uint32Array) => createHash("sha256").update(new Uint8Array(sig.buffer)).digest("hex");

describe("minHashSignature", () => {
  // Stored signatures (the node diversity cache) must stay comparable with new ones: these are the values the
  // implementation gave when they were pinned.
  it.each([
    ["", "d0346a31f8fa97e5569263b0dea80a974007ed39c10f2f594fb472d72e6fe51f"],
    ["Hi", "dbe19067fcc0ffcc2ca00b0ee6b1dc47e67ca1a8508dacba935567d6563a64b3"],
    [
      "Write a short poem about the sea, in the style of a limerick.",
      "bfa89dac0ed928589d402082b48d7363c4e8b2f063513b483d4ad06d89cad4b8",
    ],
    [
      "Écrivez un poème — «court» sur la mer! 日本語のテキストも。",
      "2a6722466ec1dc0e6c2fa9a123cfd0fe12455aa3d3d23654ae6d716407572db8",
    ],
    [
      "Explain how vaccines work.\n\nInput: A 12-year-old asks why shots hurt. ".repeat(12),
      "ba2b97bc56a59bf5ba4ff22909871d2280c9ba71755ba5114bcf8c1c5a926c16",
    ],
  ])("gives the pinned signature of %j", (text, expected) => {
    expect(digest(minHashSignature(text))).toBe(expected);
  });
});
