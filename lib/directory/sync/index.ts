// The directory sync's public surface.
export { DIRECTORY_SYNC_LEASE, SYSTEM_ACTOR, type DirectorySyncDeps } from "./deps";
export { runFullSync, startFullSync, type FullSyncOptions, type FullSyncStart, type SyncOutcome, type SyncStatus } from "./full-sync";
export {
  DIRECTORY_EVENT_TYPES, handleDirectoryEvent, isDirectoryEventType, refreshDepartments, refreshUsers, startDirectoryEvents, subscribeDirectoryEvents,
  type DirectoryEventResult, type DirectoryEvents, type DirectoryEventType,
} from "./incremental";
export { JobLease, type JobLeaseOptions } from "./lease";
export { describeRun, getSyncProgress, listSyncRuns, type SyncProgress } from "./progress";
export { reconcileDirectory, type ReconcileOptions, type ReconcileOutcome } from "./reconcile";
export { startDirectoryScheduler, type DirectoryScheduler, type DirectorySchedulerOptions } from "./scheduler";
export { requestFullSync, requestReconcile, type SyncTrigger } from "./start";
export { directoryEventListener } from "./event-listener";
