import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DiversityRound } from "@/lib/server/diversity/diversity-types";
import { DiversitySection } from "./diversity-section";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const ROUNDS: DiversityRound[] = [
  {
    round: 0,
    nodes: 4,
    ngrams: { distinct: [10, 12, 11], total: [20, 16, 12] },
    clusters: 1,
    duplicates: 2,
    withPair: 3,
    pairs: [
      { verb: "write", object: "poem", count: 2 },
      { verb: "explain", object: "vaccine", count: 1 },
    ],
  },
  {
    round: 1,
    nodes: 2,
    ngrams: { distinct: [0, 0, 0], total: [0, 0, 0] },
    clusters: 0,
    duplicates: 0,
    withPair: 0,
    pairs: [],
  },
];

describe("DiversitySection", () => {
  it("shows each round's ratios, clusters and top pairs, and when they were computed", () => {
    const html = renderToStaticMarkup(
      <DiversitySection diversity={{ rounds: ROUNDS, computedAt: "2026-12-02T03:20:41.123Z", stale: false }} />,
    );
    const seeds = text(html.match(/<tr data-testid="diversity-round-0">.*?<\/tr>/s)![0]);
    expect(seeds).toContain("Seeds 4 50.0% 75.0% 91.7% 1 75.0% write · poem (2), explain · vaccine (1)");
    const round1 = text(html.match(/<tr data-testid="diversity-round-1">.*?<\/tr>/s)![0]);
    // No n-grams and no pairs: 0, not NaN, and a dash for the pairs.
    expect(round1).toContain("Round 1 2 0.0% 0.0% 0.0% 0 0.0% –");
    expect(text(html)).toContain("Computed 2026-12-02 03:20 UTC.");
    expect(html).toContain('data-testid="chart-distinct-ngrams"');
    expect(html).toContain('data-testid="chart-verb-object"');
  });

  it("says when newer figures are on their way, and when there are none yet", () => {
    const stale = renderToStaticMarkup(
      <DiversitySection diversity={{ rounds: ROUNDS, computedAt: "2026-12-02T03:20:41.123Z", stale: true }} />,
    );
    expect(text(stale)).toContain("the project changed since, new figures are being computed");
    const none = renderToStaticMarkup(<DiversitySection diversity={{ rounds: [], computedAt: null, stale: true }} />);
    expect(text(none)).toContain("Being computed for the first time");
    expect(none).not.toContain("<table");
  });
});
