// The one seam between the UI and Rust: the generated, typed commands, plus the events
// Rust sends. Tests pass their own implementation of the same shape.
import { listen } from "@tauri-apps/api/event";
import { commands, type DroppedFile, type MailProgress, type Progress, type RequestedFile, type RoomChanged } from "./bindings";

type Unlisten = () => void;

export interface Events {
  /** Progress of a long import (rows done / total). */
  onImportProgress(handler: (p: Progress) => void): Promise<Unlisten>;
  /** Progress of a batch of e-mail (messages done / total). */
  onMailProgress(handler: (p: MailProgress) => void): Promise<Unlisten>;
  /** A file dropped on the window, to import. */
  onFileDropped(handler: (f: DroppedFile) => void): Promise<Unlisten>;
  /** A campaign file double-clicked while the app is open: the shell keeps it until
   * `openRequested` or `forgetRequested`. */
  onFileRequested(handler: (f: RequestedFile) => void): Promise<Unlisten>;
  /** The connected sitting: a score arrived from a device, a device came or went, the
   * candidate under deliberation changed, the sitting closed. */
  onRoomChanged(handler: (c: RoomChanged) => void): Promise<Unlisten>;
}

export type Backend = typeof commands & { events: Events };

const tauriEvents: Events = {
  onImportProgress: (handler) => listen<Progress>("import-progress", (e) => handler(e.payload)),
  onMailProgress: (handler) => listen<MailProgress>("mail-progress", (e) => handler(e.payload)),
  onFileDropped: (handler) => listen<DroppedFile>("import-file-dropped", (e) => handler(e.payload)),
  onFileRequested: (handler) => listen<RequestedFile>("campaign-file-requested", (e) => handler(e.payload)),
  onRoomChanged: (handler) => listen<RoomChanged>("room-changed", (e) => handler(e.payload)),
};

export const tauriBackend: Backend = { ...commands, events: tauriEvents };
