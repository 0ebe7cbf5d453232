// @footcare/client: the footcare API's lean sync into a store the app provides, a check that
// every reference resolves, and a player for a routine's timeline and cues.
export { FootcareClient } from "./client.js";
export type { ClientOptions, Fetch, SyncOptions, SyncResult } from "./client.js";
export { FootcareApiError } from "./errors.js";
export { MemoryStore } from "./memory-store.js";
export { keyOf } from "./store.js";
export type { Awaitable, Entry, Store, SyncState } from "./store.js";
export { REFERENCE_ALIASES, checkReferences } from "./references.js";
export type { DanglingReference, ReferenceReport } from "./references.js";
export { sessionCues, sessionSteps, stepAt, walkRoutine } from "./player.js";
export type { PlayableRoutine, PlayableStep, PlayerEntry, TimedCue } from "./player.js";
export { FULL_SYNC_REQUIRED } from "./types.js";
export type {
  AnyItem,
  CollectionName,
  Collections,
  Cue,
  Deletion,
  Item,
  Language,
  LeanRoutine,
  LeanSync,
  Problem,
  RoutineDetail,
  Timeline,
} from "./types.js";
