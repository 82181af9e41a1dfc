import type { DingTalkClient } from "@/lib/dingtalk";

export interface OrgFigures {
  people: number;
  activePeople: number;
  departments: number;
  at: number;
}

/** Counts the departments below and including `root`, one level at a time, all of a level at once. */
export async function countDepartments(client: DingTalkClient, root = 1): Promise<number> {
  let level = [root];
  let total = 0;
  while (level.length > 0) {
    total += level.length;
    const children = await Promise.all(level.map((id) => client.departments.listSubDepartmentIds(id)));
    level = children.flat();
  }
  return total;
}

const TTL_MS = 5 * 60_000;
const cache = new WeakMap<DingTalkClient, { value: Promise<OrgFigures>; at: number }>();

export interface OrgFiguresOptions {
  /**
   * The department count from the synced directory, or null before its first full sync. Walking
   * DingTalk's tree costs a call per department: minutes for an org of thousands at 20 QPS.
   */
  syncedDepartments?: () => Promise<number | null>;
  now?: number;
}

/** The org's headline figures, cached a few minutes: the people from DingTalk's counts, the departments from the synced directory when there is one. */
export function getOrgFigures(client: DingTalkClient, options: OrgFiguresOptions = {}): Promise<OrgFigures> {
  const now = options.now ?? Date.now();
  const hit = cache.get(client);
  if (hit && now - hit.at < TTL_MS) return hit.value;
  const value = (async () => {
    const [people, activePeople, departments] = await Promise.all([
      client.contacts.countUsers({ onlyActive: false }),
      client.contacts.countUsers({ onlyActive: true }),
      (async () => (await options.syncedDepartments?.()) ?? countDepartments(client))(),
    ]);
    return { people, activePeople, departments, at: Date.now() };
  })();
  cache.set(client, { value, at: now });
  // A failure is not cached: the next visit asks DingTalk again.
  value.catch(() => {
    if (cache.get(client)?.value === value) cache.delete(client);
  });
  return value;
}
