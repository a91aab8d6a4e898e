import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MINHASH_SEED,
  minHashSignature,
  mix32,
  normaliseForShingles,
  SHINGLE_SIZE,
  SIGNATURE_SIZE,
} from "./minhash";

const digest = (sig: Uint32Array) => createHash("sha256").update(new Uint8Array(sig.buffer)).digest("hex");

/** The signature's loop as first written, kept as the specification any faster code must match. */
function reference(text: string, seed = DEFAULT_MINHASH_SEED): Uint32Array {
  const s = normaliseForShingles(text);
  const mins = new Int32Array(SIGNATURE_SIZE).fill(0x7fffffff);
  for (let start = 0; start <= Math.max(0, s.length - SHINGLE_SIZE); start++) {
    let h = seed;
    for (let k = start; k < Math.min(s.length, start + SHINGLE_SIZE); k++)
      h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
    let v = mix32(h) | 0;
    const step = mix32(v ^ 0x9e3779b9) | 1;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      if (v < mins[i]!) mins[i] = v;
      v = (v + step) | 0;
    }
  }
  return new Uint32Array(mins.buffer);
}

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

  it("matches the reference loop on varied texts and seeds", () => {
    const words = ["the", "sea", "Écrire", "日本", "code", "x", "!!", "list", "\n", "42", "naïve", "QUICK"];
    let state = 7;
    const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let n = 0; n < 300; n++) {
      const text = Array.from(
        { length: Math.floor(random() * 80) },
        () => words[Math.floor(random() * words.length)],
      ).join(random() < 0.5 ? " " : "");
      const seed = n % 3 === 0 ? 12345 : DEFAULT_MINHASH_SEED;
      expect(minHashSignature(text, seed)).toEqual(reference(text, seed));
    }
  });

  it("hands each caller its own array: changing one leaves the next call's result alone", () => {
    const text = "Summarise the article in three bullet points.";
    const first = minHashSignature(text);
    first.fill(0);
    expect(minHashSignature(text)).toEqual(reference(text));
    expect(minHashSignature(text, 99)).toEqual(reference(text, 99));
  });
});
