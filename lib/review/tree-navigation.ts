// Moves through a lineage tree by keyboard: parent, first child, siblings,
// and the visible rows in order. Pure, so the view and tests share it.

export interface NavNode {
  id: string;
  parentId: string | null;
}

export interface TreeIndex {
  byId: Map<string, NavNode>;
  children: Map<string | null, string[]>;
}

export function indexTree(nodes: NavNode[]): TreeIndex {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, string[]>();
  for (const n of nodes) {
    const key = n.parentId && byId.has(n.parentId) ? n.parentId : null;
    const siblings = children.get(key);
    if (siblings) siblings.push(n.id);
    else children.set(key, [n.id]);
  }
  return { byId, children };
}

/** Rows in display order (depth first), skipping the descendants of collapsed nodes. */
export function visibleRows(index: TreeIndex, collapsed: ReadonlySet<string>): { id: string; depth: number }[] {
  const rows: { id: string; depth: number }[] = [];
  const walk = (id: string, depth: number) => {
    rows.push({ id, depth });
    if (collapsed.has(id)) return;
    for (const child of index.children.get(id) ?? []) walk(child, depth + 1);
  };
  for (const root of index.children.get(null) ?? []) walk(root, 0);
  return rows;
}

export type Move = "parent" | "firstChild" | "nextSibling" | "prevSibling";

export function move(index: TreeIndex, from: string, direction: Move): string | null {
  const node = index.byId.get(from);
  if (!node) return null;
  const parent = node.parentId && index.byId.has(node.parentId) ? node.parentId : null;
  if (direction === "parent") return parent;
  if (direction === "firstChild") return index.children.get(from)?.[0] ?? null;
  const siblings = index.children.get(parent) ?? [];
  const at = siblings.indexOf(from);
  return siblings[at + (direction === "nextSibling" ? 1 : -1)] ?? null;
}

/** How many nodes the subtree under `id` holds, itself included (what a bulk action on it would decide). */
export function subtreeSize(index: TreeIndex, id: string): number {
  let size = 0;
  const stack = [id];
  while (stack.length) {
    const next = stack.pop()!;
    size += 1;
    stack.push(...(index.children.get(next) ?? []));
  }
  return size;
}
