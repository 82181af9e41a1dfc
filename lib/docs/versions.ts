import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { DocVersion } from "@/lib/db/generated/sqlite/client";

export type VersionReason = "save" | "restore" | "delete";

export interface NewVersion {
  workspaceId: string;
  nodeId: string;
  name: string;
  markdown: string;
  contentHash: string;
  reason: VersionReason;
  restoredFrom?: string;
  createdBy: { userId: string; name: string };
}

export async function recordVersion(db: Db, v: NewVersion, at = new Date()): Promise<DocVersion> {
  return db.docVersion.create({
    data: {
      id: randomUUID(),
      workspaceId: v.workspaceId,
      nodeId: v.nodeId,
      name: v.name,
      markdown: v.markdown,
      contentHash: v.contentHash,
      reason: v.reason,
      restoredFrom: v.restoredFrom ?? null,
      createdBy: v.createdBy.userId,
      createdByName: v.createdBy.name,
      createdAt: at,
    },
  });
}

/** Taken back when the write it was kept for was refused, so that a refusal leaves nothing behind. */
export async function dropVersion(db: Db, id: string): Promise<void> {
  await db.docVersion.deleteMany({ where: { id } });
}

/** A document's versions, newest first. */
export async function listVersions(db: Db, nodeId: string, limit = 50): Promise<DocVersion[]> {
  return db.docVersion.findMany({ where: { nodeId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
}

export async function getVersion(db: Db, id: string): Promise<DocVersion | null> {
  return db.docVersion.findUnique({ where: { id } });
}
