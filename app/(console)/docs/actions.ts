"use server";

import { z } from "zod";
import { addMember, createNode, deleteNode, restoreVersion, saveDocument } from "@/lib/docs/documents";
import { operatorFor, unionIdOf } from "@/lib/docs/operator";
import { serverAction } from "@/lib/server/action";
import { getDingTalk } from "@/lib/server/dingtalk";

// Every document write acts as the signed-in person in DingTalk, so DingTalk's own permissions
// decide; the audit entry names the document (its name as the person saw it) and its node.

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const name = z.string().trim().min(1).max(200);
const hash = z.string().regex(/^[0-9a-f]{64}$/);

const docTarget = (i: { nodeId: string }) => ({ type: "doc", id: i.nodeId });

/** Overwrites a document with the person's markdown, after keeping its current content as a version. */
export const saveDocumentAction = serverAction({
  permission: "docs.use",
  input: z.object({ workspaceId: id, nodeId: id, name, baseHash: hash, markdown: z.string().max(200_000) }),
  audit: {
    action: "docs.save",
    target: docTarget,
    details: (i) => ({ name: i.name, nodeId: i.nodeId, workspaceId: i.workspaceId, characters: i.markdown.length }),
  },
  run: async (i, { db, actor }) => saveDocument(getDingTalk().docs, db, await operatorFor(db, actor), i),
  revalidate: (i) => [`/docs/${i.workspaceId}/${i.nodeId}`],
  message: (r, { t }) => (r.saved ? t("docs.saved", { name: r.name }) : t("docs.unchanged", { name: r.name })),
});

/** Puts a kept version back (what the document holds now is kept as a version first). */
export const restoreVersionAction = serverAction({
  permission: "docs.use",
  input: z.object({ workspaceId: id, nodeId: id, name, versionId: z.uuid(), baseHash: hash }),
  audit: { action: "docs.restore", target: docTarget, details: (i) => ({ name: i.name, nodeId: i.nodeId, versionId: i.versionId }) },
  run: async (i, { db, actor }) => restoreVersion(getDingTalk().docs, db, await operatorFor(db, actor), i),
  revalidate: (i) => [`/docs/${i.workspaceId}/${i.nodeId}`],
  message: (r, { t }) => t("docs.restored", { name: r.name }),
});

/** A new document or folder under the chosen folder; the page opens it. */
export const createNodeAction = serverAction({
  permission: "docs.use",
  input: z.object({ workspaceId: id, parentNodeId: id, name, docType: z.enum(["DOC", "FOLDER"]) }),
  audit: { action: "docs.create", target: (i) => ({ type: "doc", id: i.parentNodeId }), details: (i) => ({ name: i.name, docType: i.docType, parentNodeId: i.parentNodeId, workspaceId: i.workspaceId }) },
  run: async (i, { db, actor }) => createNode(getDingTalk().docs, await operatorFor(db, actor), i),
  revalidate: (i) => [`/docs/${i.workspaceId}`],
  redirectTo: (_i, r) => `/docs/${r.workspaceId}/${r.nodeId}`,
});

/** Deletes a document (its last content stays here as a version) or an empty folder. */
export const deleteNodeAction = serverAction({
  permission: "docs.use",
  input: z.object({ workspaceId: id, nodeId: id, name }),
  audit: { action: "docs.delete", target: docTarget, details: (i) => ({ name: i.name, nodeId: i.nodeId, workspaceId: i.workspaceId }) },
  run: async (i, { db, actor }) => deleteNode(getDingTalk().docs, db, await operatorFor(db, actor), i.nodeId),
  revalidate: (i) => [`/docs/${i.workspaceId}`],
  redirectTo: (i) => `/docs/${i.workspaceId}`,
});

/** Gives a person of the org (chosen with the person picker: a userId) a role on a document or folder. */
export const addMemberAction = serverAction({
  permission: "docs.use",
  input: z.object({ workspaceId: id, nodeId: id, name, person: z.string().trim().min(1).max(64), role: z.enum(["viewer", "editor"]) }),
  audit: { action: "docs.member.add", target: docTarget, details: (i) => ({ name: i.name, nodeId: i.nodeId, person: i.person, role: i.role }) },
  async run(i, { db, actor }) {
    const op = await operatorFor(db, actor);
    const memberUnionId = await unionIdOf(db, i.person, "DOCS_MEMBER_NOT_IN_DIRECTORY");
    const person = await db.directoryUser.findUnique({ where: { userId: i.person }, select: { name: true } });
    await addMember(getDingTalk().docs, op, { nodeId: i.nodeId, memberUnionId, role: i.role });
    return { name: i.name, person: person?.name ?? i.person, role: i.role };
  },
  revalidate: (i) => [`/docs/${i.workspaceId}/${i.nodeId}`],
  message: (r, { t }) => t("docs.memberAdded", { person: r.person, name: r.name, role: t(`docs.role.${r.role}`) }),
});
