import type { TreeNode } from "@/lib/directory/queries";

/**
 * One level of the synced department tree, from the route the departments page's tree and the
 * department picker both read (one cache entry per parent, shared by both).
 */
export function departmentChildrenQuery(parent: number | null) {
  return {
    queryKey: ["department-children", parent] as const,
    queryFn: async (): Promise<TreeNode[]> => {
      const r = await fetch(`/departments/children${parent === null ? "" : `?parent=${parent}`}`, { cache: "no-store" });
      if (!r.ok) throw new Error(String(r.status));
      return ((await r.json()) as { children: TreeNode[] }).children;
    },
  };
}
