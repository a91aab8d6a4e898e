import { describe, expect, it } from "vitest";
import { minHashSignature } from "@/lib/text/minhash";
import { countNearDuplicateClusters } from "./near-duplicate-clusters";

const sig = (t: string) => minHashSignature(t);

describe("countNearDuplicateClusters", () => {
  it("groups rewordings of one instruction and leaves distinct ones alone", () => {
    const texts = [
      "Write a short poem about the sea at night, with three stanzas.",
      "Write a short poem about the sea at night, with three stanzas!",
      "write a short poem about the sea at night with three stanzas",
      "Explain how vaccines train the immune system to recognise a virus.",
      "Explain how vaccines train the immune system to recognise a virus",
      "List five capital cities in South America and their populations.",
    ];
    expect(countNearDuplicateClusters(texts.map(sig))).toEqual({ clusters: 2, duplicates: 3 });
  });

  it("finds no cluster among unrelated instructions", () => {
    const texts = ["Sort a list of numbers in Python.", "Describe the water cycle.", "Name three French painters."];
    expect(countNearDuplicateClusters(texts.map(sig))).toEqual({ clusters: 0, duplicates: 0 });
  });
});
