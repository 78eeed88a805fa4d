// The one seam between the UI and Rust: the generated, typed commands. Tests pass their
// own implementation of the same shape.
import { commands } from "./bindings";

export type Backend = typeof commands;
export const tauriBackend: Backend = commands;

export type Unwrapped<T> = T extends Promise<{ status: "ok"; data: infer D } | { status: "error" }>
  ? D
  : never;
