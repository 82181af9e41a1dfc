// The Stream bot bridge: what the `npm run bridge` entry, the HTTP callback route and the
// bot conversations console pages use.
export { startBridge, type BridgeOptions, type BridgeLogEntry, type RunningBridge } from "./bridge";
export { bridgeSettings, type BridgeSettings, type BridgeSettingsInput } from "./config";
export { handleDingTalkCallback, type CallbackDeps, type CallbackRequest, type CallbackResult } from "./callback";
export { acceptBotMessage, dispatchOrgEvent, type AcceptOutcome, type OrgEvent, type OrgEventListener } from "./handlers";
export { inboxCounts, type InboxCounts, type InboxStatus } from "./inbox";
export { deleteGroupPolicy, knowsGroup, listGroupPolicies, listKnownGroups, setGroupPolicy, type GroupPolicy, type GroupPolicyInput, type KnownGroup } from "./group-policy";
export { listBridgeInstances, type BridgeInstanceRow, type BridgeLiveState } from "./live-state";
export {
  cleanupIdleSessions, deleteSession, getSession, listSessions, resetSession,
  type SessionDetail, type SessionFilters, type SessionRow, type Turn,
} from "./memory";
export { createReplySender, splitReply, type ReplyChannel, type ReplySender } from "./replies";
export { createBuiltinResponder } from "./responders/builtin";
export { createOpenAiResponder, type OpenAiResponderOptions } from "./responders/openai";
export { routeResponders } from "./responders/select";
export type { Reply, Responder, ResponderInput } from "./responders/types";
export { sessionIdFor, type GroupMode, type SessionKind } from "./session-key";
