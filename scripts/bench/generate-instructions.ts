// Deterministic instruction texts for near-duplicate benchmarks: sentences of
// 12–60 words drawn from a 20,000-word vocabulary of random letters with
// Zipf's law frequencies (a few words very common, as "the" and "of" are), so
// unrelated texts share about as many shingles as English ones do; plus
// planted near-duplicates of earlier texts (one word changed in a text of 40
// words or more) and exact copies (other case and spacing), whose indexes are
// returned.

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = "etaoinshrdlcumwfgypbvkjxqz";
const VOCABULARY = 20_000;

export function generateInstructions(count: number, options: { nearShare?: number; exactShare?: number } = {}) {
  const random = mulberry32(7);
  // Common words are short; letters weighted towards the frequent ones.
  const vocabulary = Array.from({ length: VOCABULARY }, (_, rank) => {
    const length = Math.min(10, 1 + Math.floor(Math.log2(rank + 2) / 2) + Math.floor(random() * 3));
    return Array.from({ length }, () => LETTERS[Math.floor(random() ** 1.6 * LETTERS.length)]).join("");
  });
  const cumulative = new Float64Array(VOCABULARY);
  for (let rank = 0, total = 0; rank < VOCABULARY; rank++) cumulative[rank] = total += 1 / (rank + 1);
  const word = () => {
    const target = random() * cumulative[VOCABULARY - 1]!;
    let low = 0;
    let high = VOCABULARY - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return vocabulary[low]!;
  };
  const texts: string[] = [];
  const planted: { near: number[]; exact: number[]; sourceOf: Map<number, number> } = {
    near: [],
    exact: [],
    sourceOf: new Map(),
  };
  for (let i = 0; i < count; i++) {
    const roll = random();
    if (i > 0 && roll < (options.exactShare ?? 0.02)) {
      const source = Math.floor(random() * i);
      texts.push(`  ${texts[source]!.toUpperCase()} `);
      planted.exact.push(i);
      planted.sourceOf.set(i, source);
    } else if (i > 0 && roll < (options.exactShare ?? 0.02) + (options.nearShare ?? 0.05)) {
      const source = Math.floor(random() * i);
      const words = texts[source]!.trim().split(" ");
      if (words.length >= 40) {
        words[Math.floor(random() * words.length)] = word();
        texts.push(words.join(" "));
        planted.near.push(i);
        planted.sourceOf.set(i, source);
        continue;
      }
      texts.push(sentence());
    } else {
      texts.push(sentence());
    }
  }
  return { texts, planted };

  function sentence() {
    const length = 12 + Math.floor(random() * 49);
    return `${Array.from({ length }, word).join(" ")}.`;
  }
}
