import { describe, expect, it } from "vitest";
import { indexTree, move, visibleRows } from "./tree-navigation";

// root
// ├─ a
// │  ├─ a1
// │  └─ a2
// └─ b
const nodes = [
  { id: "root", parentId: null },
  { id: "a", parentId: "root" },
  { id: "b", parentId: "root" },
  { id: "a1", parentId: "a" },
  { id: "a2", parentId: "a" },
];
const index = indexTree(nodes);

describe("tree navigation", () => {
  it("lists rows depth first with their depth", () => {
    expect(visibleRows(index, new Set())).toEqual([
      { id: "root", depth: 0 },
      { id: "a", depth: 1 },
      { id: "a1", depth: 2 },
      { id: "a2", depth: 2 },
      { id: "b", depth: 1 },
    ]);
  });

  it("hides the descendants of a collapsed node", () => {
    expect(visibleRows(index, new Set(["a"])).map((r) => r.id)).toEqual(["root", "a", "b"]);
  });

  it("moves to parent, first child and siblings, and stops at the edges", () => {
    expect(move(index, "a2", "parent")).toBe("a");
    expect(move(index, "root", "parent")).toBeNull();
    expect(move(index, "a", "firstChild")).toBe("a1");
    expect(move(index, "b", "firstChild")).toBeNull();
    expect(move(index, "a1", "nextSibling")).toBe("a2");
    expect(move(index, "a2", "nextSibling")).toBeNull();
    expect(move(index, "b", "prevSibling")).toBe("a");
    expect(move(index, "a", "prevSibling")).toBeNull();
    expect(move(index, "missing", "parent")).toBeNull();
  });
});
