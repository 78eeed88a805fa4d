// What the hub's HTTP API sends and receives (docs/room.md): core's desk and the hub's
// bodies, from the generated bindings (types only: nothing of Tauri comes with them).
import type { AppError } from "../lib/bindings";

export type { Desk, DeskCandidate, DeskCriterion, DeskState, Paired, ScoreSaved, ScoreWrite, ScoreWritten } from "../lib/bindings";

/** An error as the hub sends it: the app's error, and on a 409 the value stored now. */
export type HubError = AppError & { current?: string };
