import { ALNUM, HEX, LOWER_ALNUM, SeededRandom } from "../util/random";

export interface AppCredentials {
  readonly appKey: string;
  readonly appSecret: string;
  readonly corpId: string;
  readonly agentId: string;
}

/** The app key and secret depend on the seed only, so a restart with the same seed keeps them. */
export function deriveCredentials(seed: number): AppCredentials {
  const rng = new SeededRandom(seed, 7001);
  return {
    appKey: "ding" + rng.string(16, LOWER_ALNUM),
    appSecret: rng.string(64, ALNUM + "-_"),
    corpId: "ding" + rng.string(32, HEX),
    agentId: String(rng.int(1_000_000_000, 3_999_999_999)),
  };
}

export type AppCheck = "ok" | "unknownKey" | "wrongSecret";

/** Tells an unknown app key from a wrong secret: DingTalk answers the two differently. */
export function checkApp(credentials: AppCredentials, appKey: string, appSecret: string): AppCheck {
  if (appKey !== credentials.appKey) return "unknownKey";
  return appSecret === credentials.appSecret ? "ok" : "wrongSecret";
}
