// The Hugging Face Hub's size_categories buckets.
const BUCKETS: [limit: number, label: string][] = [
  [1e3, "n<1K"],
  [1e4, "1K<n<10K"],
  [1e5, "10K<n<100K"],
  [1e6, "100K<n<1M"],
  [1e7, "1M<n<10M"],
  [1e8, "10M<n<100M"],
  [1e9, "100M<n<1B"],
];

export function sizeCategory(records: number): string {
  for (const [limit, label] of BUCKETS) if (records < limit) return label;
  return "n>1T";
}
