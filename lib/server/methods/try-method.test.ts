// "Try on 5 seeds": real steps against the simulator over HTTP, with unsaved texts, storing no run and no node.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_TEXTS } from "@/lib/evolution/builtin-methods";
import { OPERATIONS } from "@/lib/evolution/operations";
import { createSimulator, type Simulator } from "@/lib/simulator/create-simulator";
import { setupTestDatabase } from "@/tests/setup/test-database";

await setupTestDatabase();
const { getPrisma } = await import("@/lib/server/db/prisma");
const { tryMethod } = await import("./try-method");

let simulator: Simulator;

beforeAll(async () => {
  simulator = await createSimulator({ latencyMs: 1, seed: "trial-test", recordPrompts: true });
  process.env.SIMULATOR_URL = simulator.url;
});

afterAll(async () => {
  await simulator?.close();
});

describe("tryMethod", () => {
  it("runs one step per operation on each sample with the given texts, and stores no run or node", async () => {
    const texts = {
      ...CODE_TEXTS,
      operationMethods: { ...CODE_TEXTS.operationMethods, deepen: "Ask for a proof that the solution is correct." },
    };
    const [runs, nodes] = [await getPrisma().run.count(), await getPrisma().node.count()];
    const results = await tryMethod({
      texts,
      samples: [
        { instruction: "Write a function that reverses a string.", input: "" },
        { instruction: "Sum the numbers below.", input: "1, 2, 3" },
      ],
      endpoint: "simulator",
      actorId: null,
    });
    expect(results).toHaveLength(2 * OPERATIONS.length);
    for (const r of results) {
      expect(r.error).toBeNull();
      expect(r.outcome?.instruction).toBeTruthy();
      expect(r.outcome?.answer).toBeTruthy();
      expect(r.outcome?.eliminator.verdicts.length).toBeGreaterThan(0);
    }
    const prompts = simulator.stats().prompts;
    expect(
      prompts.filter((p) => p.includes("How to make it harder: Ask for a proof that the solution is correct.")),
    ).toHaveLength(2);
    expect(prompts.filter((p) => p.startsWith(CODE_TEXTS.judge))).toHaveLength(
      results.filter((r) => r.outcome?.eliminator.judgeReply).length,
    );
    expect(await getPrisma().run.count()).toBe(runs);
    expect(await getPrisma().node.count()).toBe(nodes);
    expect(await getPrisma().auditEvent.count({ where: { action: "method.try" } })).toBeGreaterThan(0);
  });
});
