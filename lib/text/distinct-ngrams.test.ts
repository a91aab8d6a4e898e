import { describe, expect, it } from "vitest";
import { countNgrams, distinctRatios, NgramCounter, wordsOf } from "./distinct-ngrams";

/** The plain recount the hashed counter must agree with. */
function recount(texts: string[]) {
  const distinct: [number, number, number] = [0, 0, 0];
  const total: [number, number, number] = [0, 0, 0];
  for (let n = 1; n <= 3; n++) {
    const seen = new Set<string>();
    for (const t of texts) {
      const w = wordsOf(t);
      for (let i = 0; i + n <= w.length; i++) {
        seen.add(w.slice(i, i + n).join(" "));
        total[n - 1]!++;
      }
    }
    distinct[n - 1] = seen.size;
  }
  return { distinct, total };
}

describe("distinct n-grams", () => {
  it("splits words on punctuation and lowercases them", () => {
    expect(wordsOf("Write a poem, about THE sea! Don't rhyme.")).toEqual([
      "write",
      "a",
      "poem",
      "about",
      "the",
      "sea",
      "don't",
      "rhyme",
    ]);
  });

  it("counts a small set by hand", () => {
    const counts = countNgrams(["Write a poem about the sea.", "Write a poem about the moon."]);
    // unigrams: write a poem about the sea moon = 7 of 12; bigrams 6 of 10; trigrams 5 of 8
    expect(counts).toEqual({ distinct: [7, 6, 5], total: [12, 10, 8] });
    expect(distinctRatios(counts)).toEqual([7 / 12, 6 / 10, 5 / 8]);
  });

  it("gives 0, not NaN, for a set without n-grams", () => {
    expect(distinctRatios(countNgrams(["", "Hi"]))).toEqual([1, 0, 0]);
  });

  it("agrees with a plain recount over many texts, across compactions", () => {
    const vocabulary = "write explain list the a of poem sea code function sort number story about why how".split(" ");
    let x = 7;
    const texts = Array.from({ length: 5_000 }, () =>
      Array.from({ length: 12 }, () => vocabulary[(x = (x * 1103515245 + 12345) % 2 ** 31) % vocabulary.length]).join(
        " ",
      ),
    );
    // A small capacity makes the counter compact and grow many times on the way.
    const counter = new NgramCounter(1_000);
    for (const t of texts) counter.add(t);
    expect(counter.counts()).toEqual(recount(texts));
    expect(countNgrams(texts)).toEqual(recount(texts));
  });
});
