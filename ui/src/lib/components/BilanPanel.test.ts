import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Dashboard from "./Dashboard.svelte";
import { mockBackend, summary } from "../../test/mock-backend";
import { bilanFirstYear } from "../../test/mock-bilan";
import type { AppError } from "../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });
const nb = "\u00a0";

function setup(overrides = {}, s = summary) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  render(Dashboard, { summary: s, backend, onnotice });
  return { backend, onnotice, user: userEvent.setup() };
}

/** A table's rows as its cells' text, header row first. */
const rows = (table: HTMLElement) =>
  within(table)
    .getAllByRole("row")
    .map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent?.trim()));

describe("the bilan on the dashboard", () => {
  it("shows the dossiers and the contracts per category, « Ensemble » in bold, then last year's totals", async () => {
    setup();
    const region = await screen.findByRole("region", { name: "Bilan de campagne" });
    const dossiers = await within(region).findByRole("table", { name: "Dossiers et entretiens" });
    expect(rows(dossiers)).toEqual([
      ["Catégorie", "Reçus", "Complets", "Recevables", "Entendus"],
      ["Étudiants — médecine", "26", "22", "20", "18"],
      ["Étudiants — odontologie", "7", "6", "6", "5"],
      ["Internes — médecine", "20", "17", "15", "14"],
      ["Internes — odontologie", "3", "3", "2", "2"],
      ["PADHUE — médecine", "4", "3", "2", "2"],
      ["Ensemble", "60", "51", "45", "41"],
      ["Ensemble 2025-2026", "57 (+3)", "50 (+1)", "46 (−1)", "39 (+2)"],
    ]);
    const contracts = within(region).getByRole("table", { name: "Contrats" });
    expect(rows(contracts)[0]).toEqual(["Catégorie", "Offerts", "Attribués", "Désistements", "Promus", "Non attribués"]);
    expect(rows(contracts).slice(-2)).toEqual([
      ["Ensemble", "22", "20", "2", "1", "2"],
      ["Ensemble 2025-2026", "20 (+2)", "19 (+1)", "1 (+1)", "2 (−1)", "2 (=)"],
    ]);
    // Rows and columns are headers a screen reader announces with each figure.
    expect(within(contracts).getByRole("rowheader", { name: "PADHUE — médecine" })).toHaveAttribute("scope", "row");
    expect(within(contracts).getByRole("columnheader", { name: "Promus" })).toHaveAttribute("scope", "col");
    const total = within(dossiers).getByRole("rowheader", { name: "Ensemble" }).closest("tr");
    expect(total).toHaveClass("total");
    // The note names last year's campaign (no-break spaces kept: the default matcher folds them).
    expect(within(region).getByText(/^«.Ensemble 2025-2026.».: la campagne 2025-2026/).textContent).toBe(
      `«${nb}Ensemble 2025-2026${nb}»${nb}: la campagne 2025-2026 (« Campagne 2025-2026.cesp »), et entre parenthèses l'évolution.`,
    );
  });

  it("shows the spread of the totals and the sittings", async () => {
    setup();
    const scores = await screen.findByRole("table", { name: "Totaux des candidats entendus" });
    expect(rows(scores)[0]).toEqual(["Catégorie", "Notés", "Plus bas", "1er quartile", "Médian", "3e quartile", "Plus haut"]);
    expect(rows(scores)[1]).toEqual(["Étudiants — médecine", "18", "21,4", "26,13", "28,7", "31,05", "34,2"]);
    expect(screen.getByText(/Vendredi 15 janvier 2027 — 20 candidats entendus\.$/).textContent?.replace(/\s+/g, " ").trim()).toBe(
      "Séances de la commission : Jeudi 14 janvier 2027 — 21 candidats entendus ; Vendredi 15 janvier 2027 — 20 candidats entendus.",
    );
  });

  it("lists a national campaign's many sittings on demand, after their count", async () => {
    const days = Array.from({ length: 202 }, (_, i) => `Séance ${i + 1} — 45 candidats entendus`);
    const { user } = setup({ bilan: vi.fn(() => ok({ ...bilanFirstYear, sittings: days })) });
    const summary = await screen.findByText((_, el) => el?.tagName === "SUMMARY");
    expect(summary.textContent).toBe(`Séances de la commission${nb}: 202 séances (afficher la liste)`);
    expect(screen.queryByText(/Séance 1 — .*; Séance 2/)).toBeNull();
    const list = summary.closest("details")!.querySelector("ul")!;
    expect(within(list).getAllByRole("listitem", { hidden: true })).toHaveLength(202);
    expect(summary.closest("details")!.open).toBe(false);
    await user.click(summary);
    expect(summary.closest("details")!.open).toBe(true);
    expect(summary.textContent).toBe(`Séances de la commission${nb}: 202 séances (masquer la liste)`);
    expect(within(list).getAllByRole("listitem")[201]).toHaveTextContent("Séance 202 — 45 candidats entendus");
  });

  it("has no comparison in a first campaign", async () => {
    setup({ bilan: vi.fn(() => ok(bilanFirstYear)) });
    const dossiers = await screen.findByRole("table", { name: "Dossiers et entretiens" });
    expect(rows(dossiers).at(-1)?.[0]).toBe("Ensemble");
    expect(screen.queryByText(/Ensemble 2025-2026/)).toBeNull();
  });

  it("writes the PDF and the workbook, and says where; nothing said when the dialog is cancelled", async () => {
    const { backend, onnotice, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Bilan (PDF)…" }));
    expect(backend.bilanPdf).toHaveBeenCalledTimes(1);
    expect(onnotice).toHaveBeenLastCalledWith(`Bilan écrit dans «${nb}Bilan CESP 2026-2027.pdf${nb}».`);
    await user.click(screen.getByRole("button", { name: "Bilan (xlsx)…" }));
    expect(backend.bilanXlsx).toHaveBeenCalledTimes(1);
    expect(onnotice).toHaveBeenLastCalledWith(`Bilan écrit dans «${nb}Bilan CESP 2026-2027.xlsx${nb}».`);

    vi.mocked(backend.bilanPdf).mockReturnValueOnce(ok(null));
    await user.click(screen.getByRole("button", { name: "Bilan (PDF)…" }));
    expect(onnotice).toHaveBeenCalledTimes(2);
  });

  it("says why a file could not be written", async () => {
    const error: AppError = { code: "io", message: "Impossible d'écrire « /media/clé/Bilan.pdf » : disque plein.", details: [] };
    const { onnotice, user } = setup({ bilanPdf: vi.fn(() => fail(error)) });
    await user.click(await screen.findByRole("button", { name: "Bilan (PDF)…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("disque plein");
    expect(onnotice).not.toHaveBeenCalled();
  });

  it("waits for candidates before counting", async () => {
    const { backend } = setup({}, { ...summary, candidate_count: 0 });
    const region = screen.getByRole("region", { name: "Bilan de campagne" });
    expect(within(region).getByText(/Aucun candidat pour l'instant/)).toBeInTheDocument();
    expect(within(region).queryByRole("table")).toBeNull();
    expect(within(region).queryByRole("button")).toBeNull();
    expect(backend.bilan).not.toHaveBeenCalled();
  });
});

describe("the dashboard of a regional list", () => {
  it("groups the digits of its counts by three, as core writes the ratio", async () => {
    const counts = summary.counts.map((c, i) =>
      i === 0 ? { ...c, candidates: 60000, dossiers_incomplete: 58765, dossiers_complete: 1235, per_contract: `6${nb}000` } : c,
    );
    setup({}, { ...summary, counts, candidate_count: 99999 });
    expect(screen.getByText("Candidats", { selector: ".label" }).previousElementSibling?.textContent).toBe(`99${nb}999`);
    const table = screen.getByRole("table", { name: /catégorie/i });
    expect(rows(table)[1]).toEqual(["Étudiants — médecine", `60${nb}000`, "10", `6${nb}000`, `1${nb}235`, `58${nb}765`, "0"]);
  });
});
