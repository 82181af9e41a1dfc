import type { Db } from "@/lib/db/client";
import type { Operator } from "./documents";
import { DocsRefusal } from "./refusals";

/**
 * The unionId DingTalk wants as `operatorId` for a person, from the synced directory: every
 * document call acts as the signed-in person, so that DingTalk's own permissions apply.
 */
export async function unionIdOf(db: Db, userId: string, refusal: "DOCS_NOT_IN_DIRECTORY" | "DOCS_MEMBER_NOT_IN_DIRECTORY" = "DOCS_NOT_IN_DIRECTORY"): Promise<string> {
  const person = await db.directoryUser.findUnique({ where: { userId }, select: { unionId: true, leftAt: true } });
  if (!person?.unionId || person.leftAt) throw new DocsRefusal(refusal, undefined, refusal === "DOCS_MEMBER_NOT_IN_DIRECTORY" ? "person" : undefined);
  return person.unionId;
}

/** The signed-in person as DingTalk's operator. */
export async function operatorFor(db: Db, person: { userId: string; name: string }): Promise<Operator> {
  return { userId: person.userId, name: person.name, unionId: await unionIdOf(db, person.userId) };
}
