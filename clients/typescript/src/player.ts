// A routine as a guided session plays it, from what the API gives: the timeline (when each
// step starts and ends) and each step's cues. Nothing is recomputed: the service's rules
// (routines/player.py) decide the timings and the words.
import type { Cue, Timeline } from "./types.js";

/** What the player needs of a step: a lean sync's step and a detail answer's both have it. */
export interface PlayableStep {
  position: number;
  side: "left" | "right" | "both";
  duration_seconds: number;
  cues: Cue[];
}

/** What the player needs of a routine: `LeanRoutine` (from the store) or `RoutineDetail`. */
export interface PlayableRoutine<S extends PlayableStep = PlayableStep> {
  steps: readonly S[];
  timeline: Timeline;
  total_duration_seconds: number;
}

/** A cue at its time in the session. */
export interface TimedCue extends Cue {
  /** Seconds from the start of the session (`at_seconds` is from the start of the step). */
  at: number;
}

/** One step of the session, in playing order. */
export interface PlayerEntry<S extends PlayableStep = PlayableStep> {
  step: S;
  position: number;
  side: S["side"];
  /** Seconds from the start of the session. */
  startsAt: number;
  endsAt: number;
  /** The step's cues in the order a player says them, with their session times. */
  cues: TimedCue[];
}

/** Yields the session's steps in order, each with its times, side and cues. */
export function* walkRoutine<S extends PlayableStep>(
  routine: PlayableRoutine<S>,
): Generator<PlayerEntry<S>> {
  const byPosition = new Map(routine.steps.map((step) => [step.position, step]));
  const entries = [...routine.timeline.steps].sort(
    (a, b) => a.starts_at_seconds - b.starts_at_seconds,
  );
  for (const entry of entries) {
    const step = byPosition.get(entry.position);
    if (step === undefined) {
      throw new Error(`the timeline names step ${entry.position}, which the routine lacks`);
    }
    yield {
      step,
      position: entry.position,
      side: step.side,
      startsAt: entry.starts_at_seconds,
      endsAt: entry.ends_at_seconds,
      cues: step.cues.map((cue) => ({ ...cue, at: entry.starts_at_seconds + cue.at_seconds })),
    };
  }
}

/** The whole session's steps, in order (`walkRoutine` as an array). */
export function sessionSteps<S extends PlayableStep>(routine: PlayableRoutine<S>): PlayerEntry<S>[] {
  return [...walkRoutine(routine)];
}

/** Every cue of the session, in the order a player says them. */
export function sessionCues(routine: PlayableRoutine): TimedCue[] {
  return sessionSteps(routine).flatMap((entry) => entry.cues);
}

/** The step playing `seconds` into the session, and how far into it; undefined past the end. */
export function stepAt<S extends PlayableStep>(
  routine: PlayableRoutine<S>,
  seconds: number,
): { entry: PlayerEntry<S>; intoStep: number } | undefined {
  for (const entry of walkRoutine(routine)) {
    if (seconds >= entry.startsAt && seconds < entry.endsAt) {
      return { entry, intoStep: seconds - entry.startsAt };
    }
  }
  return undefined;
}
