import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import GridEditor from "./GridEditor.svelte";
import ScoringPanel from "./ScoringPanel.svelte";
import RankingPanel from "./RankingPanel.svelte";
import SeanceView from "./SeanceView.svelte";
import { candidate, mockBackend } from "../../../test/mock-backend";
import { board, grid, rankedGroup, ranking } from "../../../test/mock-scoring";
import type { AppError, BlockInput } from "../../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });
const people = [candidate(1, "DUPONT-MOREAU", "Marie-Ève"), candidate(2, "LEFÈVRE", "Zoé")];

describe("GridEditor", () => {
  it("is frozen once scores exist and offers a reset with a reason", async () => {
    const backend = mockBackend();
    render(GridEditor, { backend, onnotice: vi.fn() });
    expect(await screen.findByText(/Des notes ont déjà été saisies avec cette grille/)).toBeInTheDocument();
    expect(screen.getByLabelText("Intitulé du bloc", { selector: "#block-project-label" })).toBeDisabled();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Réinitialiser les notes…" }));
    const dialog = screen.getByRole("dialog", { name: "Réinitialiser toutes les notes\u00a0?" });
    await user.type(within(dialog).getByLabelText(/Motif/), "Barème changé en séance");
    await user.click(within(dialog).getByRole("button", { name: "Réinitialiser les notes" }));
    expect(backend.scoresReset).toHaveBeenCalledWith("Barème changé en séance");
  });

  it("saves the criteria as typed and shows core's message at the field", async () => {
    const open = { ...grid, locked_by_scores: false };
    const backend = mockBackend({
      grid: vi.fn(() => ok({ grid: open, academic_formula: ranking.academic_formula })),
      gridSave: vi.fn(() =>
        fail({
          code: "validation",
          message: "Critère « Motivation et engagement » : le pas de 0,3 ne tombe pas juste sur le maximum 5 ; choisissez un pas qui le divise.",
          details: [{ field: "interview.0.step", message: "Critère « Motivation et engagement » : le pas de 0,3 ne tombe pas juste sur le maximum 5 ; choisissez un pas qui le divise." }],
        }),
      ),
    });
    render(GridEditor, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    const step = await screen.findByLabelText("Pas", { selector: "#crit-interview-0-step" });
    await user.clear(step);
    await user.type(step, "0,3");
    await user.click(screen.getByRole("button", { name: "Enregistrer la grille" }));
    // The grid comes alone: neither every score nor the whole ranking is read for it.
    expect(backend.grid).toHaveBeenCalled();
    expect(backend.scoreBoard).not.toHaveBeenCalled();
    expect(backend.ranking).not.toHaveBeenCalled();
    const sent = vi.mocked(backend.gridSave).mock.calls[0]![0];
    expect(sent.find((b) => b.code === "interview")!.criteria[0]!.step).toBe("0,3");
    expect(step).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/le pas de 0,3 ne tombe pas juste/, { selector: ".field-error" })).toBeInTheDocument();
  });

  it("keeps the keyboard with a criterion moved, and on the next one (or « Ajouter ») after one is removed", async () => {
    const open = { ...grid, locked_by_scores: false };
    render(GridEditor, { backend: mockBackend({ grid: vi.fn(() => ok({ grid: open, academic_formula: ranking.academic_formula })) }), onnotice: vi.fn() });
    const user = userEvent.setup();
    const first = await screen.findByLabelText("Intitulé du critère", { selector: "#crit-interview-0-label" });
    expect(first).toHaveValue("Motivation et engagement");
    const entretien = (action: string, n: number) => `${action}\u00a0: critère ${n} du bloc «\u00a0Entretien\u00a0»`;
    await user.click(screen.getByRole("button", { name: entretien("Descendre", 1) }));
    // Now second and last: its « Descendre » is disabled, the keyboard is on its label.
    const moved = screen.getByLabelText("Intitulé du critère", { selector: "#crit-interview-1-label" });
    expect(moved).toHaveValue("Motivation et engagement");
    await waitFor(() => expect(moved).toHaveFocus());
    await user.click(screen.getByRole("button", { name: entretien("Monter", 2) }));
    await waitFor(() => expect(screen.getByRole("button", { name: entretien("Monter", 1) })).toBeDisabled());
    expect(screen.getByLabelText("Intitulé du critère", { selector: "#crit-interview-0-label" })).toHaveFocus();

    await user.click(screen.getByRole("button", { name: entretien("Retirer ce critère", 2) }));
    await waitFor(() => expect(screen.getByLabelText("Intitulé du critère", { selector: "#crit-interview-0-label" })).toHaveFocus());
    const project = screen.getByRole("region", { name: /Projet professionnel/ });
    await user.click(within(project).getByRole("button", { name: "Retirer ce critère\u00a0: critère 1 du bloc «\u00a0Projet professionnel\u00a0»" }));
    await waitFor(() => expect(within(project).getByRole("button", { name: "Ajouter un critère" })).toHaveFocus());
  });

  it("shows each block's maximum as core counts what is typed", async () => {
    const open = { ...grid, locked_by_scores: false };
    const gridBlockMax = vi.fn((blocks: BlockInput[]) =>
      ok(blocks.map((b) => (b.criteria.some((c) => c.weight === "deux") ? null : b.code === "interview" && b.criteria[0]!.weight === "1,5" ? "12,5" : "10"))),
    );
    const backend = mockBackend({ grid: vi.fn(() => ok({ grid: open, academic_formula: ranking.academic_formula })), gridBlockMax });
    render(GridEditor, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    const weight = await screen.findByLabelText("Coefficient", { selector: "#crit-interview-0-weight" });
    const head = () => screen.getByRole("heading", { name: "Entretien" }).parentElement!;
    await user.clear(weight);
    await user.type(weight, "1,5");
    expect(vi.mocked(gridBlockMax).mock.lastCall![0].find((b) => b.code === "interview")!.criteria[0]!.weight).toBe("1,5");
    await vi.waitFor(() => expect(head()).toHaveTextContent("Bloc sur 12,5 points"));
    await user.clear(weight);
    await user.type(weight, "deux");
    await vi.waitFor(() => expect(head()).toHaveTextContent("Bloc sur ? points"));
  });
});

describe("ScoringPanel", () => {
  it("records a score typed with Enter and moves to the next cell", async () => {
    const backend = mockBackend({ candidates: vi.fn(() => ok(people)) });
    render(ScoringPanel, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    const cell = await screen.findByLabelText("Motivation et engagement — note de Pr Jean-Marc LEFEBVRE pour LEFÈVRE Zoé");
    await user.click(cell);
    await user.keyboard("4,5{Enter}");
    expect(backend.scoreSet).toHaveBeenCalledWith({ member_id: 1, candidate_id: 2, criterion_id: 3, value: "4,5" }, 1);
    expect(document.activeElement).toBe(screen.getByLabelText("Qualité de l'argumentation — note de Pr Jean-Marc LEFEBVRE pour LEFÈVRE Zoé"));
  });

  it("names the member and candidate when core refuses a score, and Escape reverts", async () => {
    const backend = mockBackend({
      candidates: vi.fn(() => ok(people)),
      scoreSet: vi.fn(() =>
        fail({ code: "validation", message: "« Précision et maturité du projet » : 6 dépasse le maximum de 5 ; saisissez une note entre 0 et 5 (par pas de 0,5).", details: [] }),
      ),
    });
    render(ScoringPanel, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    const cell = await screen.findByLabelText("Précision et maturité du projet — note de Pr Jean-Marc LEFEBVRE pour DUPONT-MOREAU Marie-Ève");
    expect(cell).toHaveValue("4");
    await user.clear(cell);
    await user.type(cell, "6{Enter}");
    const alert = await screen.findByText(/Pr Jean-Marc LEFEBVRE — DUPONT-MOREAU Marie-Ève : « Précision et maturité du projet » : 6 dépasse le maximum de 5/);
    expect(alert).toBeInTheDocument();
    expect(cell).toHaveAttribute("aria-invalid", "true");
    // The focus moved on at once; the refused value waits in its cell until corrected
    // or undone with Escape.
    expect(cell).toHaveValue("6");
    expect(document.activeElement).not.toBe(cell);
    await user.click(cell);
    await user.keyboard("{Escape}");
    expect(cell).toHaveValue("4");
  });

  it("says a refused score at once to a screen reader, and no longer once the value is corrected", async () => {
    const refusal = "« Précision et maturité du projet » : 7 dépasse le maximum de 5 ; saisissez une note entre 0 et 5 (par pas de 0,5).";
    const scoreSet = vi.fn((s: { value: string }) =>
      s.value === "7" ? fail({ code: "validation", message: refusal, details: [] }) : ok({ value: s.value, changed: true, total: "12", scored: 3 }),
    );
    const backend = mockBackend({ candidates: vi.fn(() => ok(people)), scoreSet });
    const { container } = render(ScoringPanel, { backend, onnotice: vi.fn() });
    const said = () => container.querySelector('[aria-live="assertive"]')!;
    const user = userEvent.setup();
    const cell = await screen.findByLabelText("Précision et maturité du projet — note de Pr Jean-Marc LEFEBVRE pour DUPONT-MOREAU Marie-Ève");
    await user.clear(cell);
    await user.type(cell, "7{Enter}");
    await waitFor(() => expect(said()).toHaveTextContent(refusal));
    await user.click(cell);
    await user.keyboard("5{Enter}");
    await waitFor(() => expect(cell).not.toHaveAttribute("aria-invalid"));
    expect(said().textContent).toBe("");
    expect(screen.queryByRole("alert")).toBeNull();

    // Refused again: said again; undone with Escape: no longer said.
    await user.click(cell);
    await user.keyboard("7{Enter}");
    await waitFor(() => expect(said()).toHaveTextContent(refusal));
    await user.click(cell);
    await user.keyboard("{Escape}");
    expect(said().textContent).toBe("");
  });

  it("makes its modes one radio group: one Tab stop, the arrows change the mode", async () => {
    const backend = mockBackend({ candidates: vi.fn(() => ok(people)) });
    render(ScoringPanel, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    const byMember = await screen.findByRole("radio", { name: "Par membre" });
    expect(byMember).toHaveAttribute("tabindex", "0");
    expect(screen.getByRole("radio", { name: "Par candidat" })).toHaveAttribute("tabindex", "-1");
    expect(screen.getByRole("radio", { name: "Séance (projecteur)" })).toHaveAttribute("tabindex", "-1");
    byMember.focus();
    await user.keyboard("{ArrowRight}");
    const byCandidate = screen.getByRole("radio", { name: "Par candidat" });
    expect(byCandidate).toBeChecked();
    await waitFor(() => expect(byCandidate).toHaveFocus());
    expect(byCandidate).toHaveAttribute("tabindex", "0");
    expect(screen.getByLabelText("Candidat")).toBeInTheDocument();
    await user.keyboard("{ArrowLeft}{ArrowLeft}");
    await waitFor(() => expect(screen.getByRole("radio", { name: "Séance (projecteur)" })).toHaveFocus());
  });

  it("shows a recused member's cells as such in the per-candidate view", async () => {
    const backend = mockBackend({ candidates: vi.fn(() => ok(people)) });
    render(ScoringPanel, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("radio", { name: "Par candidat" }));
    await user.selectOptions(screen.getByLabelText("Candidat"), "2");
    const row = screen.getByRole("rowheader", { name: /Dr Karim BELKACEM/ }).closest("tr")!;
    expect(within(row).getAllByText("Déporté(e)")).toHaveLength(3);
    expect(within(row).queryByRole("textbox")).toBeNull();
  });

  it("greys out the cells core says cannot be filled, and shows core's running totals", async () => {
    // Core checks presence before validation: a validated candidate's cells of an absent
    // member read « Absent(e) ».
    const backend = mockBackend({
      candidates: vi.fn(() => ok(people)),
      scoreBoard: vi.fn(() =>
        ok({
          ...board,
          locked: [1],
          blocked: [
            ...board.blocked,
            { member_id: 1, candidate_id: 1, sitting_id: null, blocked: "locked" as const },
            { member_id: 2, candidate_id: 1, sitting_id: null, blocked: "absent" as const },
          ],
        }),
      ),
    });
    render(ScoringPanel, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("radio", { name: "Par candidat" }));
    await user.selectOptions(screen.getByLabelText("Candidat"), "1");
    const marchand = screen.getByRole("rowheader", { name: /Dr Sophie MARCHAND/ }).closest("tr")!;
    expect(within(marchand).getAllByText("Absent(e)")).toHaveLength(3);
    const lefebvre = screen.getByRole("rowheader", { name: /Pr Jean-Marc LEFEBVRE/ }).closest("tr")!;
    expect(lefebvre).toHaveTextContent("7,5 / 15");
  });

  it("says what to do when there is no candidate", async () => {
    render(ScoringPanel, { backend: mockBackend(), onnotice: vi.fn() });
    expect(await screen.findByText(/Aucun candidat : importez un fichier/)).toBeInTheDocument();
  });
});

describe("SeanceView", () => {
  const row = ranking.groups[0]!.rows[0]!;
  it("hides the scores until every member expected has scored", async () => {
    const waiting = { ...row, members: row.members.map((m, i) => (i === 1 ? { ...m, scored: 1 } : m)) };
    const { rerender } = render(SeanceView, { candidate: people[0]!, result: waiting, board });
    expect(screen.getByText("1 membre sur 2 a noté")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Afficher les notes" })).toBeNull();
    expect(screen.queryByText("18,57")).toBeNull();
    await rerender({ candidate: people[0]!, result: row, board });
    await userEvent.setup().click(screen.getByRole("button", { name: "Afficher les notes" }));
    expect(screen.getByText("18,57")).toBeInTheDocument();
  });

  it("says the scores to a screen reader as they show and hide, the keyboard going to the other button", async () => {
    render(SeanceView, { candidate: people[0]!, result: row, board });
    // Two status messages: what the scores say (empty until they show), and who has scored.
    const [said, progress] = screen.getAllByRole("status") as [HTMLElement, HTMLElement];
    expect(said.textContent).toBe("");
    expect(progress).toHaveTextContent(/^\d+ membres? sur \d+/);
    expect(progress).toHaveAttribute("aria-atomic", "true");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Afficher les notes" }));
    expect(said.textContent).toMatch(/^Notes affichées\u00a0: total 18,57 sur \d/);
    expect(screen.getByRole("button", { name: "Masquer les notes" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(said).toHaveTextContent("Notes masquées.");
    expect(screen.getByRole("button", { name: "Afficher les notes" })).toHaveFocus();
  });

  it("leaving full screen with Escape puts the keyboard back on its button, even after the button pressed went away", async () => {
    const { container } = render(SeanceView, { candidate: people[0]!, result: row, board });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Plein écran" }));
    const view = container.querySelector(".seance")!;
    expect(view).toHaveClass("full");
    const exit = screen.getByRole("button", { name: "Quitter le plein écran" });
    expect(exit).toHaveFocus();
    // « Afficher les notes » gives way to « Masquer les notes »: Escape still leaves full
    // screen, and the keyboard is back on its button.
    await user.click(screen.getByRole("button", { name: "Afficher les notes" }));
    await user.keyboard("{Escape}");
    expect(view).not.toHaveClass("full");
    expect(screen.getByRole("button", { name: "Plein écran" })).toHaveFocus();
  });

  it("keeps Tab in the full screen, which covers the window", async () => {
    const behind = document.createElement("button");
    behind.textContent = "Derrière";
    document.body.append(behind);
    render(SeanceView, { candidate: people[0]!, result: row, board });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Plein écran" }));
    await user.tab();
    expect(screen.getByRole("button", { name: "Afficher les notes" })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole("button", { name: "Quitter le plein écran" })).toHaveFocus();
    await user.tab({ shift: true });
    expect(screen.getByRole("button", { name: "Afficher les notes" })).toHaveFocus();
    // Shift+Tab as WebKitGTK names it (« Unidentified », the Tab key), from the first button.
    await user.tab({ shift: true });
    expect(screen.getByRole("button", { name: "Quitter le plein écran" })).toHaveFocus();
    await fireEvent.keyDown(window, { key: "Unidentified", code: "Tab", shiftKey: true });
    expect(screen.getByRole("button", { name: "Afficher les notes" })).toHaveFocus();
    behind.remove();
  });
});

describe("RankingPanel", () => {
  it("gives the keyboard back to « Valider toutes les notes complètes », ring drawn, as Escape closes its question", async () => {
    const backend = mockBackend();
    render(RankingPanel, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    const lockAll = await screen.findByRole("button", { name: "Valider toutes les notes complètes" });
    await user.click(lockAll);
    const dialog = screen.getByRole("dialog", { name: "Valider toutes les notes complètes\u00a0?" });
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveAttribute("data-focus-moved");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(lockAll).toHaveFocus();
    // The mark app.css draws the ring for (WebKit draws no :focus-visible for a focus
    // moved by script).
    expect(lockAll).toHaveAttribute("data-focus-moved");
    expect(backend.scoresLock).not.toHaveBeenCalled();
  });

  it("draws each category's table 200 candidates at a time, each its own, and keeps them as the ranking is read again", async () => {
    const students = rankedGroup("Étudiants — médecine", 450, 1001);
    const interns = rankedGroup("Internes — médecine", 250, 2001);
    const backend = mockBackend({ ranking: vi.fn(() => ok({ ...ranking, groups: [students, interns] })) });
    render(RankingPanel, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    // Rows counted and buttons found without the accessibility tree's roles: hundreds of
    // rows are slow to read that way.
    const table = (label: string) => screen.getByText(label, { selector: "caption" }).closest("table")!;
    const drawn = (label: string) => table(label).querySelectorAll("tbody tr").length;
    const lines = () => screen.queryAllByText(/ sur .* candidats affichés$/, { ignore: "script, style, [role=status]" }).map((p) => p.textContent);
    const details = (name: string) => screen.getByText(name, { selector: "button" });
    await screen.findByText("Étudiants — médecine", { selector: "caption" });
    expect([drawn("Étudiants — médecine"), drawn("Internes — médecine")]).toEqual([200, 200]);
    expect(lines()).toEqual(["200 sur 450 candidats affichés", "200 sur 250 candidats affichés"]);
    expect(table("Internes — médecine").querySelectorAll("tbody tr")[199]).toHaveTextContent("200ᵉ");

    // The students' next page: the interns' table does not move.
    await user.click(screen.getByText("Afficher les 200 candidats suivants", { selector: "button" }));
    expect([drawn("Étudiants — médecine"), drawn("Internes — médecine")]).toEqual([400, 200]);
    expect(lines()).toEqual(["400 sur 450 candidats affichés", "200 sur 250 candidats affichés"]);
    const [studentsLast, internsLast] = screen.getAllByText("Afficher les 50 derniers candidats", { selector: "button" });
    expect(studentsLast).toHaveFocus();
    await user.click(studentsLast!);
    expect(drawn("Étudiants — médecine")).toBe(450);
    expect(details(students.rows[400]!.display_name)).toHaveFocus();
    expect(details(students.rows[400]!.display_name)).toHaveAccessibleName(`Détail de ${students.rows[400]!.display_name}`);
    expect(internsLast).toBeInTheDocument();

    // A candidate validated from their details: the ranking read again keeps the rows shown.
    // The table comes in summary; a candidate's details are asked for alone.
    expect(backend.ranking).toHaveBeenCalledWith({ summary: true });
    await user.click(details(students.rows[420]!.display_name));
    expect(backend.ranking).toHaveBeenLastCalledWith({ candidate: students.rows[420]!.candidate_id });
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Valider les notes de ce candidat" }));
    expect(backend.scoresLock).toHaveBeenCalledWith([students.rows[420]!.candidate_id]);
    const tableReads = () => vi.mocked(backend.ranking).mock.calls.filter(([scope]) => scope?.summary === true).length;
    await vi.waitFor(() => expect(tableReads()).toBe(2));
    expect(lines()).toEqual(["200 sur 250 candidats affichés"]);
    expect([drawn("Étudiants — médecine"), drawn("Internes — médecine")]).toEqual([450, 200]);
  });

  it("ranks per category, flags what is missing, and validates complete candidates", async () => {
    const backend = mockBackend({
      scoresLock: vi.fn(() => ok({ locked: 1, skipped: ["LEFÈVRE Zoé : Dr Sophie MARCHAND : 2 critères sur 3 non notés"] })),
    });
    const onnotice = vi.fn();
    render(RankingPanel, { backend, onnotice });
    const table = await screen.findByRole("table", { name: "Étudiants — médecine" });
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent("1ᵉʳ");
    expect(rows[1]).toHaveTextContent("18,57");
    expect(rows[2]).toHaveTextContent("Notes : Incomplètes");
    expect(rows[2]).toHaveTextContent("Dossier : Incomplet");
    // Not ranked, with core's reason, as on « Attribution ».
    expect(rows[2]).toHaveTextContent("Non classé : dossier incomplet ; notes incomplètes");
    expect(rows[2]).toHaveTextContent("2 critères sur 3 non notés");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Valider toutes les notes complètes" }));
    // Asked first.
    expect(backend.scoresLock).not.toHaveBeenCalled();
    const dialog = screen.getByRole("dialog", { name: "Valider toutes les notes complètes\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Valider" }));
    expect(backend.scoresLock).toHaveBeenCalledWith([]);
    expect(onnotice).toHaveBeenCalledWith("1 candidat validé.");
    expect(await screen.findByText(/1 candidat n'a pas pu être validé/)).toBeInTheDocument();
  });
});
