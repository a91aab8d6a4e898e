/**
 * Difficulty is rated 1 (very easy) to 10 (very hard) by the difficulty
 * model (lib/evolution/parse-reply.ts parseDifficulty). Evaluation sets are
 * drawn per bucket of that scale; these ranges are shown in the form.
 */
export const DIFFICULTY_BUCKETS = ["easy", "medium", "hard"] as const;
export type DifficultyBucket = (typeof DIFFICULTY_BUCKETS)[number];

export const BUCKET_RANGES: Record<DifficultyBucket, { min: number; max: number }> = {
  easy: { min: 1, max: 3 },
  medium: { min: 4, max: 6 },
  hard: { min: 7, max: 10 },
};

export const BUCKET_LABELS: Record<DifficultyBucket, string> = {
  easy: "Easy (1–3)",
  medium: "Medium (4–6)",
  hard: "Hard (7–10)",
};

/** The bucket of a difficulty rating, or null for a rating off the 1–10 scale. */
export function bucketOf(difficulty: number): DifficultyBucket | null {
  return (
    DIFFICULTY_BUCKETS.find((b) => difficulty >= BUCKET_RANGES[b].min && difficulty <= BUCKET_RANGES[b].max) ?? null
  );
}

/** How nodes whose seed has no skill are counted and shown. */
export const NO_SKILL = "(no skill)";

export function skillOf(rootSkill: string | null | undefined): string {
  return rootSkill?.trim() ? rootSkill : NO_SKILL;
}
