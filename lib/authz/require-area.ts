import { notFound } from "next/navigation";
import { area, type AreaId } from "@/lib/areas";
import { requirePermission, type Actor } from "@/lib/auth/current";

/**
 * For an area's pages: the actor, after the area's own permission from the registry; an area
 * reserved and not built yet answers 404 whatever the role.
 */
export async function requireArea(id: AreaId): Promise<Actor> {
  const { hidden, permission } = area(id);
  if (hidden) notFound();
  return requirePermission(permission);
}
