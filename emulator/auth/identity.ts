import { ALNUM, SeededRandom, hashString } from "../util/random";
import type { Org, User } from "../org/model";

/** Who signed in through the login page: a member of the org, or a DingTalk account it does not know. */
export type LoginIdentity =
  | { kind: "member"; userId: string }
  | { kind: "outsider"; unionId: string; openId: string; nick: string; mobile: string };

export interface Profile {
  nick: string;
  avatarUrl: string;
  mobile: string;
  email: string;
  openId: string;
  unionId: string;
  stateCode: string;
}

/** An outsider's ids depend on the seed and the mobile only, so the same person keeps them. */
export function outsiderIdentity(seed: number, mobile: string): LoginIdentity {
  const rng = new SeededRandom(seed, hashString(mobile));
  return {
    kind: "outsider",
    unionId: rng.string(26, ALNUM) + "iE",
    openId: rng.string(26, ALNUM) + "iE",
    nick: `钉钉用户${mobile.slice(-4)}`,
    mobile,
  };
}

export function profileOf(identity: LoginIdentity, org: Org): Profile | null {
  if (identity.kind === "outsider") {
    return {
      nick: identity.nick, avatarUrl: "", mobile: identity.mobile, email: "",
      openId: identity.openId, unionId: identity.unionId, stateCode: "86",
    };
  }
  const user: User | undefined = org.usersById.get(identity.userId);
  if (!user) return null;
  return {
    nick: user.name, avatarUrl: user.avatar, mobile: user.mobile, email: user.email,
    openId: user.openId, unionId: user.unionId, stateCode: "86",
  };
}
