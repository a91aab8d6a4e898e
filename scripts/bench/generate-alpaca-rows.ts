// Deterministic Alpaca-like records: varied verbs and topics, about 40% with
// an input, outputs of a few sentences, a sprinkle of unicode.
const VERBS = [
  "Explain",
  "Summarise",
  "Write",
  "List",
  "Compare",
  "Describe",
  "Classify",
  "Rewrite",
  "Translate",
  "Generate",
];
const TOPICS = [
  "photosynthesis",
  "the French Revolution",
  "binary search",
  "a healthy breakfast",
  "climate change",
  "the stock market",
  "quantum entanglement",
  "a job interview",
  "café culture in Paris",
  "machine learning",
];
const STYLES = [
  "in simple terms",
  "for a ten-year-old",
  "in three bullet points",
  "as a short poem",
  "in under 100 words",
  "with an example",
  "step by step",
  "in a formal tone",
];

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateAlpacaRows(count: number, seed = 42) {
  const random = mulberry32(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const topic = pick(TOPICS);
    const withInput = random() < 0.4;
    return {
      instruction: `${pick(VERBS)} ${topic} ${pick(STYLES)} (#${i}).`,
      input: withInput
        ? `Context ${i}: ${topic} — “${pick(STYLES)}”, see the notes, with commas, "quotes" and a newline\nsecond line.`
        : "",
      output: `Here is an answer about ${topic}. `.repeat(2 + Math.floor(random() * 6)).trim(),
    };
  });
}
