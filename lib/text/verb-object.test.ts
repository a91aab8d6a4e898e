import { describe, expect, it } from "vitest";
import { readVerbObject } from "./verb-object";

describe("readVerbObject", () => {
  it.each([
    ["Write a poem about the sea.", "write", "poem"],
    ["Generate three creative names for a coffee shop.", "generate", "name"],
    ["Please rewrite the following sentences to make them more formal.", "rewrite", "sentence"],
    ["In Python, write a function that reverses a linked list.", "write", "function"],
    ["Classify the following animals into mammals and reptiles.", "classify", "animal"],
    ["Create a table comparing the features of three programming languages.", "create", "table"],
    ["Describe the process of photosynthesis in detail, including the chemical equations.", "describe", "process"],
    ["Give me three reasons to learn a second language.", "give", "reason"],
    ["Rewrite it in the passive voice.", "rewrite", "it"],
    ["Tell me a joke about programmers.", "tell", "joke"],
    ["Generate a one-sentence description for each of the following people.", "generate", "description"],
    ["Explain human's behavior.", "explain", "behavior"],
  ])("%s → %s / %s", (instruction, verb, object) => {
    expect(readVerbObject(instruction)).toEqual({ verb, object });
  });

  it("reads the verb of a clause as object as having no noun object", () => {
    expect(readVerbObject("Explain how vaccines work.")).toEqual({ verb: "explain", object: null });
  });

  it("reads the main verb of a question, past its auxiliary", () => {
    expect(readVerbObject("Can you summarize the article below?")).toEqual({ verb: "summarize", object: "article" });
    expect(readVerbObject("How do I make a cake?")).toEqual({ verb: "make", object: "cake" });
  });

  it("reads a sentence-initial imperative that the tagger takes for a noun", () => {
    expect(readVerbObject("Brainstorm a list of possible New Year's resolutions.")).toEqual({
      verb: "brainstorm",
      object: "list",
    });
    expect(readVerbObject("List five capital cities in South America.")).toEqual({ verb: "list", object: "city" });
  });

  it("does not take the listener for the object", () => {
    expect(readVerbObject("Tell me about yourself.")).toEqual({ verb: "tell", object: null });
  });

  it("has no verb for a question built on “to be”", () => {
    expect(readVerbObject("What is the capital of France?")).toEqual({ verb: null, object: null });
  });

  it("skips a leading participle clause for the imperative after it", () => {
    expect(readVerbObject("Using only basic arithmetic, compute the sum of the first ten primes.")).toEqual({
      verb: "compute",
      object: "sum",
    });
  });

  it("has neither for empty or verb-less text", () => {
    expect(readVerbObject("")).toEqual({ verb: null, object: null });
    expect(readVerbObject("The capital of France.")).toEqual({ verb: null, object: null });
  });
});
