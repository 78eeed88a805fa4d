import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import { tick } from "svelte";
import JobsStatus from "./JobsStatus.svelte";
import { mockBackend } from "../../test/mock-backend";
import type { Backend, JobDone } from "../backend";
import type { JobProgress } from "../bindings";

function setup() {
  let progress: (p: JobProgress) => void = () => {};
  let done: (d: JobDone) => void = () => {};
  const base = mockBackend();
  const backend: Backend = {
    ...base,
    events: {
      ...base.events,
      onJobProgress: (h) => ((progress = h), Promise.resolve(() => {})),
      onJobDone: (h) => ((done = h), Promise.resolve(() => {})),
    },
  };
  render(JobsStatus, { backend });
  return {
    progress: async (p: JobProgress) => (progress(p), await tick()),
    done: async (id: number) => (done({ id, value: null, error: null }), await tick()),
  };
}

describe("JobsStatus", () => {
  it("shows nothing while no work runs in the background", () => {
    setup();
    expect(screen.queryByRole("region", { name: "Travaux en cours" })).toBeNull();
  });

  it("follows each job, counted or not, and forgets it when it ends", async () => {
    const jobs = setup();
    await jobs.progress({ id: 3, label: "Écriture des convocations", done: 0, total: 0, exclusive: false });
    await jobs.progress({ id: 4, label: "Écriture du journal", done: 0, total: 0, exclusive: false });
    const area = screen.getByRole("region", { name: "Travaux en cours" });
    expect(within(area).getAllByRole("status").map((s) => s.textContent)).toEqual(["Écriture des convocations…", "Écriture du journal…"]);
    expect(area).toHaveTextContent("Vous pouvez continuer à travailler pendant ce temps.");

    await jobs.progress({ id: 3, label: "Écriture des convocations", done: 1234, total: 9122, exclusive: false });
    const bar = within(area).getByRole("progressbar", { name: "Écriture des convocations" });
    expect(bar).toHaveAttribute("value", "1234");
    expect(bar).toHaveAttribute("max", "9122");
    // French typography: digits grouped by no-break spaces, the plural agreed.
    expect(area.querySelector(".count")?.textContent).toBe("1\u00a0234 sur 9\u00a0122 fichiers");
    // The journal's writing does not count its files: a bar without a value.
    expect(within(area).getByRole("progressbar", { name: "Écriture du journal" })).not.toHaveAttribute("value");

    await jobs.done(3);
    expect(within(area).queryByRole("progressbar", { name: "Écriture des convocations" })).toBeNull();
    expect(area).toHaveTextContent("Écriture du journal…");
    await jobs.done(4);
    expect(screen.queryByRole("region", { name: "Travaux en cours" })).toBeNull();
  });

  it("says the campaign is unavailable while work has it to itself", async () => {
    const jobs = setup();
    await jobs.progress({ id: 7, label: "Chiffrement du fichier et de ses sauvegardes", done: 0, total: 0, exclusive: true });
    const area = screen.getByRole("region", { name: "Travaux en cours" });
    expect(within(area).getByRole("status")).toHaveTextContent("Chiffrement du fichier et de ses sauvegardes…");
    expect(area).toHaveTextContent("La campagne est indisponible jusqu'à la fin : patientez.");
    expect(area).not.toHaveTextContent("Vous pouvez continuer");
    await jobs.done(7);
    expect(screen.queryByRole("region", { name: "Travaux en cours" })).toBeNull();
  });
});
