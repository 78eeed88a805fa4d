// The writes the hub has not answered yet, kept in the tab's sessionStorage so that a
// reload does not lose them. Each keeps its idempotency key: resent any number of times,
// it is written once.
import type { ScoreWrite } from "./api";

export interface PendingWrite extends ScoreWrite {
  /** The member who typed it: never sent with another member's token. */
  member_id: number;
  /** The candidate's name, to say which one if the hub refuses it after the secretary
   * has moved on (never sent). */
  candidate_name: string;
}

const PENDING = "cesp-room-pending";

/** A random idempotency key: 128 bits, hex. `crypto.randomUUID` exists only on secure
 * origins (https, localhost), and the hub is plain http on the room's network. */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function loadPending(storage: Storage): PendingWrite[] {
  try {
    const list: unknown = JSON.parse(storage.getItem(PENDING) ?? "[]");
    return Array.isArray(list) ? (list as PendingWrite[]).filter((w) => typeof w?.key === "string") : [];
  } catch {
    return [];
  }
}

export function savePending(storage: Storage, list: readonly PendingWrite[]): void {
  try {
    if (list.length === 0) storage.removeItem(PENDING);
    else storage.setItem(PENDING, JSON.stringify(list));
  } catch {
    // Storage full or refused (private browsing): the writes stay in memory.
  }
}
