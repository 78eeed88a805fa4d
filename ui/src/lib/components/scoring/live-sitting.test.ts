// The « Par candidat » screen during a live sitting: the candidate list and the grid show
// the same candidate whatever the filter, and validating moves on to the next candidate
// still to score.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import ScoringPanel from "./ScoringPanel.svelte";
import { candidate, mockBackend } from "../../../test/mock-backend";
import { board, ranking } from "../../../test/mock-scoring";
import type { CandidateResult, Ranking, ScoreBoard } from "../../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const people = [candidate(1, "DUPONT-MOREAU", "Marie-Ève"), candidate(2, "LEFÈVRE", "Zoé"), candidate(3, "MARTIN", "Paul")];
const option = (id: number) => `${people[id - 1]!.display_name} — Étudiant — médecine`;
const template = ranking.groups[0]!.rows[0]!;

type Status = CandidateResult["status"];

/**
 * A backend whose ranking and board follow what the test changes: each candidate's status
 * as core would compute it, and the validations (`scoresLock` validates).
 */
function live(statuses: Record<number, Status>, lockedAtStart: number[] = []) {
  const status = new Map(Object.entries(statuses).map(([id, s]) => [Number(id), s]));
  const locked = new Set(lockedAtStart);
  const rankingNow = (): Ranking => ({
    ...ranking,
    groups: [
      {
        ...ranking.groups[0]!,
        rows: people.map((p) => ({ ...template, candidate_id: p.id, display_name: p.display_name, status: status.get(p.id)!, locked: locked.has(p.id) })),
      },
    ],
  });
  const boardNow = (): ScoreBoard => ({
    ...board,
    recusals: [],
    hearings: people.map((p) => ({ candidate_id: p.id, sitting_id: 1 })),
    locked: [...locked],
    // As core answers: Dr BELKACEM excused at sitting 1, the secretary without a vote,
    // then the validated candidates.
    blocked: people.flatMap((p) => [
      { member_id: 3, candidate_id: p.id, sitting_id: null, blocked: "absent" as const },
      { member_id: 4, candidate_id: p.id, sitting_id: null, blocked: "non_voting" as const },
      ...(locked.has(p.id) ? [1, 2].map((m) => ({ member_id: m, candidate_id: p.id, sitting_id: null, blocked: "locked" as const })) : []),
    ]),
  });
  const backend = mockBackend({
    candidates: vi.fn(() => ok(people)),
    scoreBoard: vi.fn(() => ok(boardNow())),
    ranking: vi.fn(() => ok(rankingNow())),
    scoresLock: vi.fn((ids: number[]) => {
      for (const id of ids) locked.add(id);
      return ok({ locked: ids.length, skipped: [] as string[] });
    }),
    scoresUnlock: vi.fn((id: number) => {
      locked.delete(id);
      return ok(null);
    }),
  });
  return { backend, status };
}

async function byCandidate(backend: ReturnType<typeof live>["backend"], onnotice = vi.fn()) {
  render(ScoringPanel, { backend, onnotice });
  const user = userEvent.setup();
  await user.click(await screen.findByRole("radio", { name: "Par candidat" }));
  return user;
}

/** The candidate the grid is about, from its caption. */
const gridCandidate = () => screen.getByRole("table").querySelector("caption")!.textContent!.replace("Par candidat — ", "");

describe("ScoringPanel, one candidate at a time", () => {
  it("keeps the list and the grid on the same candidate when the filter changes", async () => {
    const { backend } = live({ 1: "complete", 2: "incomplete", 3: "incomplete" });
    const user = await byCandidate(backend);
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(1));
    expect(gridCandidate()).toBe("DUPONT-MOREAU Marie-Ève");

    // DUPONT-MOREAU leaves the list: the first candidate of the new list is shown in both.
    await user.selectOptions(screen.getByLabelText("Candidats affichés"), "Notes incomplètes");
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(2));
    expect(gridCandidate()).toBe("LEFÈVRE Zoé");
    expect(screen.getAllByRole("option", { name: /Étudiant — médecine/ }).map((o) => o.textContent)).toEqual([option(2), option(3)]);

    // Still in the new list: the candidate stays.
    await user.selectOptions(screen.getByLabelText("Candidat"), option(3));
    await user.selectOptions(screen.getByLabelText("Candidats affichés"), "Tous les candidats");
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(3));
    expect(gridCandidate()).toBe("MARTIN Paul");
  });

  it("says so in both the list and the grid when the filter leaves no candidate, with a way out", async () => {
    const { backend } = live({ 1: "complete", 2: "complete", 3: "complete" });
    const user = await byCandidate(backend);
    await user.selectOptions(screen.getByLabelText("Candidats affichés"), "Notes incomplètes");
    expect(screen.getByText("Aucun candidat ne correspond à ce filtre.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Candidat")).toBeNull();
    expect(screen.queryByRole("table")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Afficher tous les candidats" }));
    expect(screen.getByLabelText("Candidats affichés")).toHaveDisplayValue("Tous les candidats");
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(1));
    expect(gridCandidate()).toBe("DUPONT-MOREAU Marie-Ève");
  });

  it("validating the last incomplete candidate keeps the list and the grid together and says none remain", async () => {
    const { backend, status } = live({ 1: "complete", 2: "incomplete", 3: "complete" }, [1, 3]);
    const onnotice = vi.fn();
    const user = await byCandidate(backend, onnotice);
    await user.selectOptions(screen.getByLabelText("Candidats affichés"), "Notes incomplètes");
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(2));

    // The last score is typed: core now says the candidate is complete. The candidate
    // stays on screen (and in the list) to be validated.
    status.set(2, "complete");
    const cell = screen.getByLabelText("Motivation et engagement — note de Dr Sophie MARCHAND pour LEFÈVRE Zoé");
    await user.click(cell);
    await user.keyboard("4{Enter}");
    const validate = screen.getByRole("button", { name: "Valider les notes de ce candidat" });
    await waitFor(() => expect(validate).toBeEnabled());
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(2));
    expect(gridCandidate()).toBe("LEFÈVRE Zoé");

    await user.click(validate);
    expect(backend.scoresLock).toHaveBeenCalledWith([2]);
    await waitFor(() => expect(screen.getByText("Tous les candidats de cette liste sont validés.")).toBeInTheDocument());
    expect(onnotice).toHaveBeenCalledWith("Notes de LEFÈVRE Zoé validées. Tous les candidats de cette liste sont validés.");
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(2));
    expect(gridCandidate()).toBe("LEFÈVRE Zoé");
    // The button pressed is gone: the keyboard is on the list of candidates, not the page's body.
    await waitFor(() => expect(screen.getByLabelText("Candidat")).toHaveFocus());
  });

  it("validating moves on to the next candidate still to score, wrapping around", async () => {
    const { backend } = live({ 1: "incomplete", 2: "complete", 3: "complete" }, [3]);
    const onnotice = vi.fn();
    const user = await byCandidate(backend, onnotice);
    await user.selectOptions(screen.getByLabelText("Candidats affichés"), "Tous les candidats");
    await user.selectOptions(screen.getByLabelText("Candidat"), option(2));
    expect(screen.getByText("2 candidats restent à valider dans cette liste.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Valider les notes de ce candidat" }));
    // MARTIN is validated already: the next one still to score is DUPONT-MOREAU, from the top.
    await waitFor(() => expect(screen.getByLabelText("Candidat")).toHaveDisplayValue(option(1)));
    expect(gridCandidate()).toBe("DUPONT-MOREAU Marie-Ève");
    expect(onnotice).toHaveBeenCalledWith("Notes de LEFÈVRE Zoé validées. Candidat suivant\u00a0: DUPONT-MOREAU Marie-Ève.");
    expect(screen.getByText("1 candidat reste à valider dans cette liste.")).toBeInTheDocument();
    // The keyboard is on the next candidate's first cell to fill, not on the page's body.
    await waitFor(() =>
      expect(screen.getByLabelText("Précision et maturité du projet — note de Pr Jean-Marc LEFEBVRE pour DUPONT-MOREAU Marie-Ève")).toHaveFocus(),
    );
  });

  it("unlocking puts the keyboard on the candidate's first cell, « Déverrouiller… » gone", async () => {
    const { backend } = live({ 1: "complete", 2: "complete", 3: "complete" }, [1]);
    const user = await byCandidate(backend);
    expect(gridCandidate()).toBe("DUPONT-MOREAU Marie-Ève");
    await user.click(screen.getByRole("button", { name: "Déverrouiller…" }));
    await user.type(screen.getByLabelText("Motif"), "Erreur de saisie");
    await user.click(screen.getByRole("button", { name: "Déverrouiller" }));
    expect(backend.scoresUnlock).toHaveBeenCalledWith(1, "Erreur de saisie");
    await waitFor(() => expect(screen.queryByRole("button", { name: "Déverrouiller…" })).toBeNull());
    await waitFor(() =>
      expect(screen.getByLabelText("Précision et maturité du projet — note de Pr Jean-Marc LEFEBVRE pour DUPONT-MOREAU Marie-Ève")).toHaveFocus(),
    );
  });
});

describe("ScoringPanel, the board asked for", () => {
  it("asks for the sitting's candidates only, and for every candidate when the filter shows them all", async () => {
    const { backend } = live({ 1: "complete", 2: "incomplete", 3: "incomplete" });
    const user = await byCandidate(backend);
    // The screen opens on the sitting: the board of its candidates.
    expect(backend.scoreBoard).toHaveBeenCalledWith({ sitting: 1, candidate: null });
    expect(backend.scoreBoard).not.toHaveBeenCalledWith(null);
    // The ranking likewise (its rows say whose scores are complete).
    expect(backend.ranking).toHaveBeenCalledWith({ sitting: 1, candidate: null });
    expect(backend.ranking).not.toHaveBeenCalledWith(null);
    // Moving among the sitting's candidates asks for nothing more.
    const calls = vi.mocked(backend.scoreBoard).mock.calls.length;
    await user.selectOptions(screen.getByLabelText("Candidat"), option(2));
    expect(gridCandidate()).toBe("LEFÈVRE Zoé");
    expect(backend.scoreBoard).toHaveBeenCalledTimes(calls);
    // Every candidate shown: the whole board, once.
    await user.selectOptions(screen.getByLabelText("Candidats affichés"), "Tous les candidats");
    await waitFor(() => expect(backend.scoreBoard).toHaveBeenLastCalledWith(null));
    expect(backend.ranking).toHaveBeenLastCalledWith(null);
    expect(backend.scoreBoard).toHaveBeenCalledTimes(calls + 1);
    // Back to the sitting: the whole board holds its candidates.
    await user.selectOptions(screen.getByLabelText("Candidats affichés"), "Entendus à cette séance");
    expect(gridCandidate()).toBe("LEFÈVRE Zoé");
    expect(backend.scoreBoard).toHaveBeenCalledTimes(calls + 1);
  });
});
