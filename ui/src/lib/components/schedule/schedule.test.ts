import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SchedulePanel from "./SchedulePanel.svelte";
import CampaignShell from "../CampaignShell.svelte";
import { mockBackend, summary } from "../../../test/mock-backend";
import {
  emptyView,
  planRefused,
  refusing,
  scheduleReads,
  setup as storedSetup,
  setupInvalid,
  unplannedView,
  view,
} from "../../../test/mock-schedule";
import type { Backend } from "../../backend";
import type { AppError, ScheduleView } from "../../bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend({ ...scheduleReads(), ...overrides });
  const onnotice = vi.fn();
  const result = render(SchedulePanel, { backend, onnotice });
  return { backend, onnotice, user: userEvent.setup(), container: result.container };
}

const cell = (container: HTMLElement, key: string) => {
  const found = container.querySelector<HTMLElement>(`[data-cell="${key}"]`);
  if (!found) throw new Error(`no cell ${key}`);
  return found;
};
const card = (name: RegExp) => screen.getByRole("button", { name });

describe("SchedulePanel — Planning", () => {
  it("shows each day with its juries, who sits, the slots, the break and the interviews", async () => {
    setup();
    const thursday = await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    expect(screen.getByRole("table", { name: "Entretiens du vendredi 15 janvier 2027" })).toBeInTheDocument();
    expect(within(thursday).getByRole("columnheader", { name: "Jury 1 — Salle du conseil" })).toBeInTheDocument();
    expect(within(thursday).getByRole("columnheader", { name: "Jury 2 — Salle 2.14" })).toBeInTheDocument();
    for (const time of ["8 h 30", "9 h 10", "11 h 50", "13 h 30", "16 h 50"])
      expect(within(thursday).getByRole("rowheader", { name: time })).toBeInTheDocument();
    expect(within(thursday).getByText("Pause 12 h 30 – 13 h 30")).toBeInTheDocument();
    expect(within(thursday).getAllByText("Pr Jean-Marc LEFEBVRE, Dr Sophie MARCHAND")).toHaveLength(2);
    expect(within(thursday).getByRole("rowheader", { name: "Matin — membres qui siègent" })).toBeInTheDocument();

    const pinned = within(thursday).getByRole("button", { name: /DUPONT-MOREAU Marie-Ève/ });
    expect(pinned).toHaveTextContent("Étudiant — médecine");
    expect(pinned).toHaveTextContent("Fixé");
    expect(within(thursday).getByRole("button", { name: /NGUYEN Thành/ })).toHaveTextContent("Interne — médecine");
    expect(within(thursday).getByRole("button", { name: /LEFÈVRE Zoé/ })).not.toHaveTextContent("Fixé");

    const friday = screen.getByRole("table", { name: "Entretiens du vendredi 15 janvier 2027" });
    expect(within(friday).getByText(/Dr Anne LEROY est indisponible : 1 membre présent sur 2 requis/)).toBeInTheDocument();
    expect(within(friday).getByRole("button", { name: /KERGOAT Maëlys/ })).toBeInTheDocument();

    expect(screen.getByText(/6 entretien\(s\) sur 2 jour\(s\), 40 min d'attente au total/)).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "À placer (1)" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /MARTIN Léa.*Placer…/ })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Planning" })).toHaveAttribute("aria-selected", "true");
  });

  it("without days sends to « Organisation »; with days and no interview, says to plan", async () => {
    const { user, backend } = setup({ schedule: vi.fn(() => ok(emptyView)) });
    expect(await screen.findByText("Aucune journée d'entretiens : décrivez les journées et les jurys dans l'onglet Organisation.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Planifier" })).toBeDisabled();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Aller à l'organisation" }));
    expect(screen.getByRole("tab", { name: "Organisation" })).toHaveAttribute("aria-selected", "true");
    expect(screen.getByLabelText("Durée d'un entretien (min)")).toHaveFocus();
    expect(backend.schedulePlan).not.toHaveBeenCalled();
  });

  it("plans at once when nothing is planned, and shows core's refusal prominently", async () => {
    const { user, backend } = setup({ schedule: vi.fn(() => ok(unplannedView)), schedulePlan: refusing(planRefused) });
    expect(await screen.findByText("Aucun entretien planifié : cliquez sur Planifier.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "À placer (7)" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Convocations…" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Planifier" }));
    expect(backend.schedulePlan).toHaveBeenCalledTimes(1);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Planification impossible");
    expect(alert).toHaveTextContent("Aucun planning n'est possible.");
    expect(alert).toHaveTextContent("Le planning précédent est conservé.");
  });

  it("asks before planning again over an existing plan", async () => {
    const { user, backend, onnotice } = setup();
    await user.click(await screen.findByRole("button", { name: "Planifier" }));
    const dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens non fixés ?" });
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(backend.schedulePlan).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Planifier" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Replanifier" }));
    expect(backend.schedulePlan).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onnotice).toHaveBeenCalledWith(expect.stringContaining("Entretiens planifiés.")));
  });

  it("shows the conflicts a change of the setup made", async () => {
    setup({ schedule: vi.fn(() => ok({ ...view, conflicts: ["Dr Anne LEROY est indisponible le vendredi 15 janvier 2027 matin"] })) });
    expect(await screen.findByRole("heading", { name: /Conflits à résoudre/ })).toBeInTheDocument();
    expect(screen.getByText("Dr Anne LEROY est indisponible le vendredi 15 janvier 2027 matin")).toBeInTheDocument();
  });

  it("checks every cell live when a drag starts, and moves on a drop where core allows it", async () => {
    const { backend, onnotice, container } = setup();
    await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    await fireEvent.dragStart(card(/LEFÈVRE Zoé/));
    expect(backend.scheduleTargets).toHaveBeenCalledWith(12);
    const target = cell(container, "1|2027-01-15|810");
    await waitFor(() => expect(target).toHaveClass("allowed"));
    const taken = cell(container, "1|2027-01-14|510");
    expect(taken).toHaveClass("blocked");
    expect(taken).toHaveAttribute("title", expect.stringContaining("Créneau déjà occupé par DUPONT-MOREAU Marie-Ève"));
    expect(cell(container, "2|2027-01-15|850")).toHaveClass("blocked");

    await fireEvent.dragOver(target);
    expect(screen.getByText("Possible ici : vendredi 15 janvier 2027 à 13 h 30, Jury 1 — Salle du conseil")).toBeInTheDocument();
    await fireEvent.drop(target);
    await waitFor(() => expect(backend.scheduleMove).toHaveBeenCalledWith(12, 1, "2027-01-15", "13:30"));
    expect(backend.scheduleTargets).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(onnotice).toHaveBeenCalledWith("Entretien de LEFÈVRE Zoé placé le vendredi 15 janvier 2027 à 13 h 30, Jury 1 — Salle du conseil (fixé)."),
    );
  });

  it("refuses a drop on a conflicting cell and says why, without asking core to move", async () => {
    const { backend, container } = setup();
    await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    await fireEvent.dragStart(card(/LEFÈVRE Zoé/));
    const target = cell(container, "2|2027-01-15|850");
    await waitFor(() => expect(target).toHaveClass("blocked"));
    await fireEvent.dragOver(target);
    const why = "Impossible ici : Le jury Jury 2 ne siège pas le vendredi 15 janvier 2027 après-midi (Dr Anne LEROY est indisponible : 1 membre présent sur 2 requis)";
    expect(screen.getByRole("status")).toHaveTextContent(why);
    await fireEvent.drop(target);
    await fireEvent.dragEnd(card(/LEFÈVRE Zoé/));
    expect(backend.scheduleMove).not.toHaveBeenCalled();
    expect(screen.getByText(why)).toBeInTheDocument();
    expect(target).not.toHaveClass("blocked");
  });

  it("places a waiting candidate by dragging, and shows core's refusal of a move", async () => {
    const refused: AppError = {
      code: "refused",
      message: "Déplacement impossible : Dr Karim BELKACEM est récusé pour MARTIN Léa. Le planning n'a pas été modifié.",
      details: [],
    };
    const { backend, container } = setup({ scheduleMove: refusing(refused) });
    const chip = await screen.findByRole("button", { name: /MARTIN Léa/ });
    await fireEvent.dragStart(chip);
    expect(backend.scheduleTargets).toHaveBeenCalledWith(17);
    const target = cell(container, "2|2027-01-14|590");
    await waitFor(() => expect(target).toHaveClass("allowed"));
    await fireEvent.drop(target);
    await waitFor(() => expect(backend.scheduleMove).toHaveBeenCalledWith(17, 2, "2027-01-14", "09:50"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Déplacement impossible : Dr Karim BELKACEM est récusé pour MARTIN Léa.");
  });

  it("moves by keyboard: the dialog lists the allowed slots by day, and the focus comes back", async () => {
    const { backend, user, onnotice } = setup();
    await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    card(/LEFÈVRE Zoé/).focus();
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Déplacer l'entretien de LEFÈVRE Zoé" });
    expect(within(dialog).getByText(/jeudi 14 janvier 2027 — 9 h 10 — Jury 1 — Salle du conseil/)).toBeInTheDocument();
    const select = within(dialog).getByLabelText("Nouveau créneau");
    expect(select).toHaveFocus();
    expect(within(dialog).getByRole("group", { name: "vendredi 15 janvier 2027" })).toBeInTheDocument();
    const allowed = "vendredi 15 janvier 2027 — 13 h 30 — Jury 1 — Salle du conseil";
    expect(within(dialog).getByRole("option", { name: allowed })).toBeInTheDocument();
    expect(within(dialog).queryByRole("option", { name: /jeudi 14 janvier 2027 — 8 h 30 — Jury 1/ })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole("option", { name: /vendredi 15 janvier 2027 — 13 h 30 — Jury 2/ })).not.toBeInTheDocument();
    expect(within(dialog).getByText(/créneaux impossibles ne sont pas proposés/)).toBeInTheDocument();

    await user.click(within(dialog).getByLabelText("Afficher aussi les créneaux impossibles, avec la raison"));
    const blocked = within(dialog).getByRole("option", { name: /vendredi 15 janvier 2027 — 13 h 30 — Jury 2 — Salle 2.14 — impossible : Le jury Jury 2 ne siège pas/ });
    expect(blocked).toBeDisabled();

    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(card(/LEFÈVRE Zoé/)).toHaveFocus();

    await user.keyboard("{Enter}");
    const again = await screen.findByRole("dialog", { name: "Déplacer l'entretien de LEFÈVRE Zoé" });
    await user.click(within(again).getByRole("button", { name: "Déplacer ici" }));
    expect(within(again).getByText("Choisissez un créneau.")).toBeInTheDocument();
    expect(backend.scheduleMove).not.toHaveBeenCalled();
    await user.selectOptions(within(again).getByLabelText("Nouveau créneau"), allowed);
    await user.click(within(again).getByRole("button", { name: "Déplacer ici" }));
    expect(backend.scheduleMove).toHaveBeenCalledWith(12, 1, "2027-01-15", "13:30");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(onnotice).toHaveBeenCalledWith(expect.stringContaining("Entretien de LEFÈVRE Zoé placé le vendredi 15 janvier 2027 à 13 h 30"));
  });

  it("places a waiting candidate from « Placer… »", async () => {
    const { backend, user } = setup();
    await user.click(await screen.findByRole("button", { name: /MARTIN Léa.*Placer…/ }));
    const dialog = await screen.findByRole("dialog", { name: "Placer MARTIN Léa" });
    expect(within(dialog).queryByRole("button", { name: "Fixer" })).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByLabelText("Nouveau créneau"), "jeudi 14 janvier 2027 — 9 h 50 — Jury 2 — Salle 2.14");
    await user.click(within(dialog).getByRole("button", { name: "Placer ici" }));
    expect(backend.scheduleMove).toHaveBeenCalledWith(17, 2, "2027-01-14", "09:50");
  });

  it("pins and unpins an interview from its dialog", async () => {
    const pinnedZoe: ScheduleView = { ...view, interviews: view.interviews.map((i) => (i.candidate_id === 12 ? { ...i, pinned: true } : i)) };
    const { backend, user, onnotice } = setup({ schedulePin: vi.fn(() => ok(pinnedZoe)) });
    await user.click(await screen.findByRole("button", { name: /LEFÈVRE Zoé/ }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Fixer" }));
    expect(backend.schedulePin).toHaveBeenCalledWith(12, true);
    await waitFor(() => expect(card(/LEFÈVRE Zoé/)).toHaveTextContent("Fixé"));
    expect(onnotice).toHaveBeenCalledWith("Entretien de LEFÈVRE Zoé fixé : il restera à sa place si vous replanifiez.");
    await user.click(card(/DUPONT-MOREAU Marie-Ève/));
    const dialog = await screen.findByRole("dialog", { name: "Déplacer l'entretien de DUPONT-MOREAU Marie-Ève" });
    expect(within(dialog).getByText(/\(fixé\)/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Ne plus fixer" }));
    expect(backend.schedulePin).toHaveBeenLastCalledWith(11, false);
  });

  it("frees a slot only after confirming; the candidate then waits to be placed", async () => {
    const freed: ScheduleView = {
      ...view,
      interviews: view.interviews.filter((i) => i.candidate_id !== 12),
      unplaced: [...view.unplaced, { id: 12, name: "LEFÈVRE Zoé", category_label: "Étudiant — médecine" }],
    };
    const { backend, user, onnotice } = setup({ scheduleFree: vi.fn(() => ok(freed)) });
    await user.click(await screen.findByRole("button", { name: /LEFÈVRE Zoé/ }));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Libérer le créneau…" }));
    let confirm = screen.getByRole("dialog", { name: "Libérer le créneau de LEFÈVRE Zoé ?" });
    await user.click(within(confirm).getByRole("button", { name: "Annuler" }));
    expect(backend.scheduleFree).not.toHaveBeenCalled();

    await user.click(card(/LEFÈVRE Zoé/));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Libérer le créneau…" }));
    confirm = screen.getByRole("dialog", { name: "Libérer le créneau de LEFÈVRE Zoé ?" });
    await user.click(within(confirm).getByRole("button", { name: "Libérer le créneau" }));
    expect(backend.scheduleFree).toHaveBeenCalledWith(12);
    expect(await screen.findByRole("heading", { name: "À placer (2)" })).toBeInTheDocument();
    const waiting = screen.getByRole("button", { name: /LEFÈVRE Zoé.*Placer…/ });
    await waitFor(() => expect(waiting).toHaveFocus());
    expect(onnotice).toHaveBeenCalledWith("Créneau de LEFÈVRE Zoé libéré ; LEFÈVRE Zoé figure parmi les candidats « À placer ».");
  });

  it("writes the convocations, the timetable and the workbook, and says where", async () => {
    const { backend, user, onnotice } = setup();
    await user.click(await screen.findByRole("button", { name: "Convocations…" }));
    expect(backend.scheduleConvocations).toHaveBeenCalled();
    expect(onnotice).toHaveBeenLastCalledWith("6 convocations et 10 calendriers enregistrés dans « /home/claire/Convocations ».");
    await user.click(screen.getByRole("button", { name: "Planning (PDF)…" }));
    expect(backend.scheduleTimetable).toHaveBeenCalled();
    expect(onnotice).toHaveBeenLastCalledWith("Planning des entretiens enregistré dans « /home/claire/Planning des entretiens CESP.pdf ».");
    await user.click(screen.getByRole("button", { name: "Planning (xlsx)…" }));
    expect(backend.scheduleXlsx).toHaveBeenCalled();
    expect(onnotice).toHaveBeenLastCalledWith("Planning des entretiens (classeur) enregistré dans « /home/claire/Planning des entretiens CESP.xlsx ».");
    expect(onnotice).toHaveBeenCalledTimes(3);
  });

  it("says nothing when the folder dialog is cancelled", async () => {
    const { backend, user, onnotice } = setup({ scheduleConvocations: vi.fn(() => ok(null)) });
    await user.click(await screen.findByRole("button", { name: "Convocations…" }));
    expect(backend.scheduleConvocations).toHaveBeenCalled();
    expect(onnotice).not.toHaveBeenCalled();
  });
});

describe("SchedulePanel — Organisation", () => {
  async function openSetup(user: ReturnType<typeof userEvent.setup>) {
    await user.click(await screen.findByRole("tab", { name: /^Organisation/ }));
    return screen.getByRole("form", { name: "Organisation des entretiens" });
  }

  it("shows core's messages at their fields and a summary, then sends the setup as edited", async () => {
    const scheduleSetupSet = vi.fn().mockReturnValueOnce(Promise.resolve({ status: "error", error: setupInvalid })).mockReturnValue(ok(view));
    const { backend, user, onnotice } = setup({ scheduleSetupSet });
    const form = await openSetup(user);
    const length = within(form).getByLabelText("Durée d'un entretien (min)");
    expect(length).toHaveValue("30");
    await user.clear(length);
    await user.type(length, "500");
    const friday = within(form).getByRole("group", { name: "Journée n° 2 — 15/01/2027" });
    const opening = within(friday).getByLabelText("Début");
    await user.clear(opening);
    await user.type(opening, "8h3O");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));

    expect(scheduleSetupSet).toHaveBeenCalledTimes(1);
    const summary = await within(form).findByRole("alert");
    expect(summary).toHaveTextContent("3 points sont à corriger");
    expect(length).toHaveAttribute("aria-invalid", "true");
    expect(length).toHaveAccessibleDescription(expect.stringContaining("il faut entre 5 et 240 minutes"));
    expect(length).toHaveFocus();
    expect(opening).toHaveAttribute("aria-invalid", "true");
    expect(opening).toHaveAccessibleDescription(expect.stringContaining("« 8h3O » n'est pas une heure"));
    const thursday = within(form).getByRole("group", { name: "Journée n° 1 — 14/01/2027" });
    expect(within(thursday).getByLabelText("Début")).not.toHaveAttribute("aria-invalid");
    const jury = within(form).getByRole("group", { name: "Jury n° 1 — Jury 1" });
    expect(within(jury).getByLabelText("Nom")).toHaveAccessibleDescription(expect.stringContaining("« Nom » est obligatoire"));

    await user.clear(length);
    await user.type(length, "45");
    await user.clear(opening);
    await user.type(opening, "9 h");
    await user.click(within(jury).getByRole("checkbox", { name: /Dr Karim BELKACEM/ }));
    expect(within(jury).getByText("aussi dans « Jury 2 »")).toBeInTheDocument();
    await user.selectOptions(within(form).getByLabelText("Rôle requis dans chaque jury"), "Représentant(e) de l'ARS");
    await user.click(within(form).getByRole("button", { name: "Ajouter une préférence" }));
    const preference = within(form).getByRole("group", { name: "Préférence n° 2" });
    await user.selectOptions(within(preference).getByLabelText("Candidat"), "MARTIN Léa");
    await user.selectOptions(within(preference).getByLabelText("Demi-journée"), "Après-midi");
    const bring = within(form).getByLabelText("À apporter (un élément par ligne)");
    await user.type(bring, "{Enter}Stylo");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));

    expect(backend.scheduleSetupSet).toHaveBeenCalledTimes(2);
    expect(scheduleSetupSet.mock.lastCall![0]).toEqual({
      ...storedSetup,
      interview_minutes: 45,
      required_role: "ars_representative",
      days: [storedSetup.days[0], { ...storedSetup.days[1], opening: "9 h" }],
      juries: [{ ...storedSetup.juries[0], members: [1, 2, 3] }, storedSetup.juries[1]],
      preferences: [...storedSetup.preferences!, { candidate: 17, date: "14/01/2027", part: "afternoon" }],
      bring: ["Pièce d'identité", "Convocation imprimée", "Stylo"],
    });
    await waitFor(() => expect(onnotice).toHaveBeenCalledWith("Organisation des entretiens enregistrée."));
    expect(backend.scheduleSetup).toHaveBeenCalledTimes(2);
  });

  it("keeps the draft when switching views, adds and removes days, and checks numbers itself", async () => {
    const { backend, user } = setup();
    let form = await openSetup(user);
    await user.click(within(form).getByRole("button", { name: "Ajouter une journée" }));
    const third = within(form).getByRole("group", { name: "Journée n° 3" });
    const date = within(third).getByLabelText("Date (JJ/MM/AAAA)");
    expect(date).toHaveFocus();
    expect(within(third).getByLabelText("Début")).toHaveValue("8 h 30");
    expect(within(third).getByLabelText("Début de la pause")).toHaveValue("12 h 30");
    await user.type(date, "18/01/2027");
    await user.click(within(form).getByRole("button", { name: "Retirer la journée n° 1" }));
    expect(within(form).queryByRole("group", { name: "Journée n° 1 — 14/01/2027" })).not.toBeInTheDocument();
    expect(screen.getByRole("tab", { name: /Organisation — modifications non enregistrées/ })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Planning" }));
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    expect(await screen.findByText(/L'onglet Organisation a des modifications non enregistrées/)).toBeInTheDocument();
    form = await openSetup(user);
    expect(within(form).getByRole("group", { name: "Journée n° 2 — 18/01/2027" })).toBeInTheDocument();
    expect(within(form).getByRole("group", { name: "Journée n° 1 — 15/01/2027" })).toBeInTheDocument();

    const buffer = within(form).getByLabelText("Battement entre deux entretiens (min)");
    await user.clear(buffer);
    await user.type(buffer, "dix");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(backend.scheduleSetupSet).not.toHaveBeenCalled();
    expect(buffer).toHaveAttribute("aria-invalid", "true");
    expect(buffer).toHaveAccessibleDescription(expect.stringContaining("« dix » n'est pas un nombre entier"));

    await user.click(within(form).getByRole("button", { name: "Annuler les modifications" }));
    expect(within(form).getByLabelText("Battement entre deux entretiens (min)")).toHaveValue("10");
    expect(within(form).getByRole("group", { name: "Journée n° 1 — 14/01/2027" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Organisation" })).toBeInTheDocument();
  });

  it("lists members and candidates for unavailability, among the days described", async () => {
    const { user } = setup();
    const form = await openSetup(user);
    const row = within(form).getByRole("group", { name: "Indisponibilité n° 1" });
    const who = within(row).getByLabelText("Qui");
    expect(who).toHaveDisplayValue("Dr Anne LEROY");
    expect(within(who).getByRole("group", { name: "Candidats" })).toBeInTheDocument();
    expect(within(row).getByLabelText("Date")).toHaveDisplayValue("15/01/2027");
    expect(within(row).getByLabelText("Demi-journée")).toHaveDisplayValue("Après-midi");
    expect(within(row).getByLabelText("Motif")).toHaveValue("de garde");
    expect(within(within(row).getByLabelText("Date")).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "— choisir une journée —",
      "14/01/2027",
      "15/01/2027",
    ]);
  });
});

describe("CampaignShell — Entretiens", () => {
  it("sits after « Commission » and asks before leaving an unsaved setup", async () => {
    const backend = mockBackend(scheduleReads());
    const user = userEvent.setup();
    render(CampaignShell, { backend, summary, onclose: vi.fn(), onnotice: vi.fn() });
    const nav = screen.getByRole("navigation", { name: "Sections de la campagne" });
    const labels = within(nav).getAllByRole("button").map((b) => b.textContent?.trim());
    expect(labels.slice(labels.indexOf("Commission"), labels.indexOf("Commission") + 3)).toEqual(["Commission", "Entretiens", "Grille de notation"]);
    await user.click(within(nav).getByRole("button", { name: "Entretiens" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Entretiens" })).toBeInTheDocument();
    await user.click(await screen.findByRole("tab", { name: "Organisation" }));
    await user.type(screen.getByLabelText("Contact"), " (poste 7700)");
    await user.click(within(nav).getByRole("button", { name: "Classement" }));
    expect(screen.getByRole("dialog", { name: "Modifications non enregistrées" })).toBeInTheDocument();
  });
});
