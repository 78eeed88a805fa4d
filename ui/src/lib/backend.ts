// The one seam between the UI and Rust: the generated, typed commands, plus the events
// Rust sends. Tests pass their own implementation of the same shape.
import { listen } from "@tauri-apps/api/event";
import {
  commands,
  type AppError,
  type Applied,
  type CampaignSummary,
  type CarrySource,
  type DroppedFile,
  type JobProgress,
  type LetterFile,
  type MailProgress,
  type MergePlan,
  type MinutesState,
  type Progress,
  type RequestedFile,
  type Result,
  type RoomChanged,
  type SheetOutcome,
  type SheetWritten,
  type Verification,
  type Written,
} from "./bindings";

type Unlisten = () => void;

/** A job's end, as the shell sends it (src-tauri/src/jobs.rs). */
export interface JobDone {
  id: number;
  value: unknown;
  error: AppError | null;
}

export interface Events {
  /** Progress of a long import (rows done / total). */
  onImportProgress(handler: (p: Progress) => void): Promise<Unlisten>;
  /** Progress of a batch of e-mail (messages done / total). */
  onMailProgress(handler: (p: MailProgress) => void): Promise<Unlisten>;
  /** Work running in the background (files written): started, then how far it is. */
  onJobProgress(handler: (p: JobProgress) => void): Promise<Unlisten>;
  /** Work in the background ended. */
  onJobDone(handler: (d: JobDone) => void): Promise<Unlisten>;
  /** A file dropped on the window, to import. */
  onFileDropped(handler: (f: DroppedFile) => void): Promise<Unlisten>;
  /** A campaign file double-clicked while the app is open: the shell keeps it until
   * `openRequested` or `forgetRequested`. */
  onFileRequested(handler: (f: RequestedFile) => void): Promise<Unlisten>;
  /** The connected sitting: a score arrived from a device, a device came or went, the
   * candidate under deliberation changed, the sitting closed. */
  onRoomChanged(handler: (c: RoomChanged) => void): Promise<Unlisten>;
}

/** The commands that write files in the background: each answers at once with its job,
 * and what it gives back when the job ends. The window awaits that result as it awaited
 * the command before; meanwhile it stays usable and shows the job's progress. */
type JobResults = {
  bilanPdf: string;
  bilanXlsx: string;
  journalExport: string;
  candidatesExport: string;
  importExportRejected: string;
  sheetsExport: SheetWritten[];
  lettersWrite: LetterFile[];
  mailUnreachableExport: string;
  minutesExport: string;
  scheduleConvocations: Written;
  scheduleTimetable: string;
  scheduleXlsx: string;
  allocationExport: string;
  allocationLetters: string[];
  mergePreview: MergePlan;
  minutesVerify: Verification;
  // These have the campaign to themselves: meanwhile the other commands are refused.
  setPassphrase: CampaignSummary;
  removePassphrase: CampaignSummary;
  backupRestore: CampaignSummary;
  mergeApply: MergePlan;
  scoresReset: number;
  importApply: Applied;
  importUndo: number;
  openCampaign: CampaignSummary;
  openRecent: CampaignSummary;
  openDemo: CampaignSummary;
  resetDemo: CampaignSummary;
  minutesSeal: MinutesState;
  minutesReopen: MinutesState;
  minutesApprove: MinutesState;
  minutesSign: MinutesState;
  openRequested: CampaignSummary;
  unlockCampaign: CampaignSummary;
  newCampaignFrom: CampaignSummary;
  sheetsImport: SheetOutcome[];
  carrySource: CarrySource;
};
type Commands = typeof commands;
type JobCommand = keyof JobResults;
// `null` when the command can answer without starting a job (a dialog cancelled).
type Started<K extends JobCommand> = Extract<Awaited<ReturnType<Commands[K]>>, { status: "ok" }>["data"];
type Cancelled<K extends JobCommand> = null extends Started<K> ? null : never;
type UntilDone<K extends JobCommand> = (
  ...args: Parameters<Commands[K]>
) => Promise<Result<JobResults[K] | Cancelled<K>, AppError>>;

export type Backend = Omit<Commands, JobCommand> & { [K in JobCommand]: UntilDone<K> } & { events: Events };

// Jobs that ended before their command's answer was read, and those awaited.
const ended = new Map<number, JobDone>();
const awaited = new Map<number, (d: JobDone) => void>();
let listening: Promise<Unlisten> | null = null;

function followJobs(): Promise<Unlisten> {
  listening ??= listen<JobDone>("job-done", (e) => {
    const resolve = awaited.get(e.payload.id);
    if (resolve) {
      awaited.delete(e.payload.id);
      resolve(e.payload);
    } else {
      ended.set(e.payload.id, e.payload);
    }
  });
  return listening;
}

function untilDone<K extends JobCommand>(name: K): UntilDone<K> {
  const start = commands[name] as (...args: unknown[]) => ReturnType<Commands[K]>;
  return (async (...args: unknown[]) => {
    await followJobs();
    const started = await start(...args);
    if (started.status === "error" || started.data === null) return started as Result<null, AppError>;
    const id = started.data.id;
    const done = await new Promise<JobDone>((resolve) => {
      const already = ended.get(id);
      if (already) {
        ended.delete(id);
        resolve(already);
      } else {
        awaited.set(id, resolve);
      }
    });
    return done.error ? { status: "error", error: done.error } : { status: "ok", data: done.value };
  }) as UntilDone<K>;
}

const tauriEvents: Events = {
  onImportProgress: (handler) => listen<Progress>("import-progress", (e) => handler(e.payload)),
  onMailProgress: (handler) => listen<MailProgress>("mail-progress", (e) => handler(e.payload)),
  onJobProgress: (handler) => listen<JobProgress>("job-progress", (e) => handler(e.payload)),
  onJobDone: (handler) => listen<JobDone>("job-done", (e) => handler(e.payload)),
  onFileDropped: (handler) => listen<DroppedFile>("import-file-dropped", (e) => handler(e.payload)),
  onFileRequested: (handler) => listen<RequestedFile>("campaign-file-requested", (e) => handler(e.payload)),
  onRoomChanged: (handler) => listen<RoomChanged>("room-changed", (e) => handler(e.payload)),
};

const inBackground: { [K in JobCommand]: UntilDone<K> } = {
  bilanPdf: untilDone("bilanPdf"),
  bilanXlsx: untilDone("bilanXlsx"),
  journalExport: untilDone("journalExport"),
  candidatesExport: untilDone("candidatesExport"),
  importExportRejected: untilDone("importExportRejected"),
  sheetsExport: untilDone("sheetsExport"),
  lettersWrite: untilDone("lettersWrite"),
  mailUnreachableExport: untilDone("mailUnreachableExport"),
  minutesExport: untilDone("minutesExport"),
  scheduleConvocations: untilDone("scheduleConvocations"),
  scheduleTimetable: untilDone("scheduleTimetable"),
  scheduleXlsx: untilDone("scheduleXlsx"),
  allocationExport: untilDone("allocationExport"),
  allocationLetters: untilDone("allocationLetters"),
  mergePreview: untilDone("mergePreview"),
  minutesVerify: untilDone("minutesVerify"),
  setPassphrase: untilDone("setPassphrase"),
  removePassphrase: untilDone("removePassphrase"),
  backupRestore: untilDone("backupRestore"),
  mergeApply: untilDone("mergeApply"),
  scoresReset: untilDone("scoresReset"),
  importApply: untilDone("importApply"),
  importUndo: untilDone("importUndo"),
  openCampaign: untilDone("openCampaign"),
  openRecent: untilDone("openRecent"),
  openDemo: untilDone("openDemo"),
  resetDemo: untilDone("resetDemo"),
  minutesSeal: untilDone("minutesSeal"),
  minutesReopen: untilDone("minutesReopen"),
  minutesApprove: untilDone("minutesApprove"),
  minutesSign: untilDone("minutesSign"),
  openRequested: untilDone("openRequested"),
  unlockCampaign: untilDone("unlockCampaign"),
  newCampaignFrom: untilDone("newCampaignFrom"),
  sheetsImport: untilDone("sheetsImport"),
  carrySource: untilDone("carrySource"),
};

export const tauriBackend: Backend = { ...commands, ...inBackground, events: tauriEvents };
