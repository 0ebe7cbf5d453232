// The shapes the client reads, named from the types openapi-typescript generates from the
// committed contract (generated/v1.ts): a change of the contract changes them at compile time.
import type { components, operations } from "../generated/v1.js";

type Schemas = components["schemas"];

/** An answer of `GET /api/v1/sync/lean/`: a full catalogue, or what changed since a token. */
export type LeanSync = Schemas["LeanSync"];
/** The collections of a lean sync, by name, as the contract lists them. */
export type Collections = Schemas["LeanSyncUpserts"];
/** `zones`, `body_parts`, `foot_maps`, `routines`, … */
export type CollectionName = keyof Collections & string;
/** One item of a collection: `Item<"zones">` is a `LeanZone`. */
export type Item<C extends CollectionName> = Collections[C][number];
/** An item of any collection. */
export type AnyItem = Item<CollectionName>;
/** One entry of a sync answer's `deletions`. */
export type Deletion = Schemas["LeanDeletion"];
/** An error answer (RFC 9457 problem+json). */
export type Problem = Schemas["Problem"];
/** The content languages the service serves. */
export type Language = NonNullable<
  NonNullable<operations["sync_lean_retrieve"]["parameters"]["query"]>["lang"]
>;

/** A routine as `/api/v1/routines/{slug}/` answers it. */
export type RoutineDetail = Schemas["RoutineDetail"];
/** A routine as the lean sync carries it. */
export type LeanRoutine = Schemas["LeanRoutine"];
/** A step's cue: what a player says, and when (seconds from the start of the step). */
export type Cue = Schemas["Cue"];
/** A routine's timeline: when each step starts and ends. */
export type Timeline = Schemas["Timeline"];

/** The problem type of a sync token that can no longer be used. */
export const FULL_SYNC_REQUIRED = "urn:footcare:problem:full-sync-required";
