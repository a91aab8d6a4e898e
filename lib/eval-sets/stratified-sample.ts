import { createRandom } from "@/lib/evolution/random";
import { DIFFICULTY_BUCKETS, type DifficultyBucket } from "./difficulty-buckets";

export interface Candidate {
  id: string;
  bucket: DifficultyBucket;
  /** The seed's skill, NO_SKILL when it has none. */
  skill: string;
}

export type BucketSizes = Record<DifficultyBucket, number>;

export interface SkillDraw {
  skill: string;
  available: number;
  drawn: number;
}

export interface BucketDraw {
  bucket: DifficultyBucket;
  requested: number;
  available: number;
  drawn: number;
  /** Requested but not there to draw. */
  shortfall: number;
  skills: SkillDraw[];
}

export interface SampleReport {
  buckets: BucketDraw[];
}

export interface Sample {
  nodeIds: string[];
  report: SampleReport;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Splits `size` picks over skills as evenly as their counts allow: every
 * skill with nodes left gets an equal share each pass, a skill that runs out
 * hands its unused share to the others, and the last few picks (fewer than
 * the skills left) go one each in `order`.
 */
export function spreadOverSkills(available: Map<string, number>, size: number, order: string[]): Map<string, number> {
  const quota = new Map(order.map((s) => [s, 0]));
  let remaining = Math.min(
    size,
    [...available.values()].reduce((a, b) => a + b, 0),
  );
  let active = order.filter((s) => (available.get(s) ?? 0) > 0);
  while (remaining > 0 && active.length) {
    const share = Math.floor(remaining / active.length);
    if (share === 0) {
      for (const s of active.slice(0, remaining)) quota.set(s, quota.get(s)! + 1);
      break;
    }
    for (const s of active) {
      const give = Math.min(share, available.get(s)! - quota.get(s)!);
      quota.set(s, quota.get(s)! + give);
      remaining -= give;
    }
    active = active.filter((s) => quota.get(s)! < available.get(s)!);
  }
  return quota;
}

/**
 * Draws `sizes[bucket]` candidates from each difficulty bucket, spread over
 * seed skills round-robin (spreadOverSkills), which nodes of a skill at
 * random. The same seed over the same candidates (in any order) draws the
 * same nodes.
 */
export function stratifiedSample(options: { candidates: Candidate[]; sizes: BucketSizes; seed: string }): Sample {
  // Sorted first, so the draw depends on the candidates and the seed, not the order they came in.
  const sorted = [...options.candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const nodeIds: string[] = [];
  const buckets: BucketDraw[] = [];
  for (const bucket of DIFFICULTY_BUCKETS) {
    const random = createRandom(`${options.seed}:${bucket}`);
    const bySkill = new Map<string, string[]>();
    for (const c of sorted) {
      if (c.bucket !== bucket) continue;
      const ids = bySkill.get(c.skill);
      if (ids) ids.push(c.id);
      else bySkill.set(c.skill, [c.id]);
    }
    const skills = [...bySkill.keys()].sort();
    const available = new Map(skills.map((s) => [s, bySkill.get(s)!.length]));
    const requested = Math.max(0, Math.floor(options.sizes[bucket] ?? 0));
    // Which skills get the odd picks is random too, so no skill is favoured by its name.
    const quota = spreadOverSkills(available, requested, shuffle(skills, random));
    const draws: SkillDraw[] = skills.map((skill) => {
      const picked = shuffle(bySkill.get(skill)!, random).slice(0, quota.get(skill) ?? 0);
      nodeIds.push(...picked);
      return { skill, available: available.get(skill)!, drawn: picked.length };
    });
    const drawn = draws.reduce((sum, d) => sum + d.drawn, 0);
    const total = [...available.values()].reduce((a, b) => a + b, 0);
    buckets.push({ bucket, requested, available: total, drawn, shortfall: requested - drawn, skills: draws });
  }
  return { nodeIds, report: { buckets } };
}
