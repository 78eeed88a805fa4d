// The window awaits a command that writes files in the background as it awaited it
// before: the command answers with its job, the result comes with `job-done`, in
// whichever order the two arrive.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { tauriBackend } from "./backend";

const filter = { from: "", to: "", person: null, kind: null, limit: null };

// One mock for the whole file: the backend follows `job-done` once, as the window does.
let handler: (cmd: string) => unknown = () => undefined;
beforeAll(() => mockIPC((cmd) => handler(cmd), { shouldMockEvents: true }));
afterAll(() => clearMocks());

describe("commands that work in the background", () => {
  it("resolve with the job's result when it ends after the answer", async () => {
    const started: string[] = [];
    handler = (cmd: string) => {
      started.push(cmd);
      if (cmd === "journal_export") {
        setTimeout(() => void emit("job-done", { id: 41, value: "Journal — Amiens.xlsx", error: null }), 20);
        return { id: 41, label: "Écriture du journal" };
      }
    };
    const r = await tauriBackend.journalExport(filter);
    expect(started).toEqual(["journal_export"]);
    expect(r).toEqual({ status: "ok", data: "Journal — Amiens.xlsx" });
  });

  it("resolve when the job ended before its answer was read, and say its error", async () => {
    handler = async (cmd: string) => {
      if (cmd === "schedule_convocations") {
        await emit("job-done", {
          id: 42,
          value: null,
          error: { code: "folder_missing", message: "Le dossier « /tmp/disparu » n'existe pas.", details: [] },
        });
        return { id: 42, label: "Écriture des convocations" };
      }
    };
    const r = await tauriBackend.scheduleConvocations(false);
    expect(r).toEqual({
      status: "error",
      error: { code: "folder_missing", message: "Le dossier « /tmp/disparu » n'existe pas.", details: [] },
    });
  });

  it("give back nothing when the dialog was cancelled, and a refusal as such", async () => {
    handler = (cmd: string) => {
      if (cmd === "minutes_export") return null;
      if (cmd === "schedule_timetable") throw { code: "no_interview_planned", message: "Aucun entretien n'est planifié.", details: [] };
    };
    expect(await tauriBackend.minutesExport(null)).toEqual({ status: "ok", data: null });
    const refused = await tauriBackend.scheduleTimetable();
    expect(refused.status).toBe("error");
  });
});
