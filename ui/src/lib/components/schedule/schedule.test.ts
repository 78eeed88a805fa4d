import { afterEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SchedulePanel from "./SchedulePanel.svelte";
import CampaignShell from "../CampaignShell.svelte";
import { mockBackend, summary } from "../../../test/mock-backend";
import {
  brokenSetupView,
  changesWritten,
  convocationsOut,
  days as gridDays,
  emptyView,
  nationalView,
  outView,
  planPreview,
  planRefused,
  refusing,
  scheduleReads,
  setup as storedSetup,
  setupInvalid,
  replannedView,
  unplannedView,
  view,
} from "../../../test/mock-schedule";
import type { Backend } from "../../backend";
import type { AppError, GridDay, PlanPreview, ScheduleSetup, ScheduleSetupText, ScheduleView } from "../../bindings";
import { fr } from "../../i18n/fr";
import { dayRows } from "./grid";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend({ ...scheduleReads(), ...overrides });
  const onnotice = vi.fn();
  const result = render(SchedulePanel, { backend, onnotice });
  return { backend, onnotice, user: userEvent.setup(), container: result.container };
}

const cell = (container: HTMLElement, jury: number, date: string, start: number) => {
  const found = container.querySelector<HTMLElement>(`[data-jury="${jury}"][data-date="${date}"][data-start="${start}"]`);
  if (!found) throw new Error(`no cell ${jury} ${date} ${start}`);
  return found;
};
const card = (name: RegExp) => screen.getByRole("button", { name });

// Moving a card with the pointer: jsdom has no layout, so the element under the pointer
// is whatever `pointAt` says (document.elementFromPoint is stubbed).
const pointer = { pointerId: 1, isPrimary: true, pointerType: "mouse" };
function pointAt(element: Element | null) {
  Object.defineProperty(document, "elementFromPoint", { configurable: true, value: vi.fn(() => element) });
}
afterEach(() => {
  Reflect.deleteProperty(document, "elementFromPoint");
});
const press = (el: HTMLElement) => fireEvent.pointerDown(el, { ...pointer, button: 0, buttons: 1, clientX: 10, clientY: 10 });
const moveTo = (el: HTMLElement, clientX: number, clientY: number) => fireEvent.pointerMove(el, { ...pointer, buttons: 1, clientX, clientY });
const release = (el: HTMLElement, clientX: number, clientY: number) => fireEvent.pointerUp(el, { ...pointer, button: 0, clientX, clientY });

describe("SchedulePanel — Planning", () => {
  it("draws the timetable and the candidates to place a page at a time, and the day a card is moved to", async () => {
    const national = nationalView(30, 450);
    const last = national.days[29]!;
    expect(last.date_display).toBe("vendredi 12 février 2027");
    const moved = { ...national, interviews: national.interviews.map((i) => (i.candidate_id === 12 ? { ...i, date: last.date, date_display: last.date_display, start: 510, start_display: "8 h 30" } : i)) };
    const { backend, user, container } = setup({
      schedule: vi.fn(() => ok(national)),
      scheduleTargets: vi.fn(() => ok([{ jury_id: 1, date: last.date, start: 510, conflicts: [] }])),
      scheduleMove: vi.fn(() => ok(moved)),
    });
    await screen.findByText("Entretiens du jeudi 14 janvier 2027", { selector: "caption" });
    // A day takes 16 rows (its header, the two half-days, 12 slots and lunch): 12 days in 200.
    expect(dayRows(national.days[0]!).length + 1).toBe(16);
    const drawnDays = () => container.querySelectorAll("section.day").length;
    const lines = () => screen.queryAllByText(/ sur .* affichée?s$/, { ignore: "script, style, [role=status]" }).map((p) => p.textContent);
    expect(drawnDays()).toBe(12);
    expect(container.querySelectorAll("[data-waiting]")).toHaveLength(200);
    expect(lines()).toEqual(["200 sur 450 candidats affichés", "12 sur 30 journées affichées"]);
    await user.click(screen.getByText("Afficher les 12 journées suivantes", { selector: "button" }));
    expect(drawnDays()).toBe(24);
    expect(screen.getByText("Afficher les 6 dernières journées", { selector: "button" })).toHaveFocus();

    // Moved from the keyboard to the last day, not drawn yet: drawn, the keyboard on the card.
    container.querySelector<HTMLElement>('[data-candidate="12"]')!.focus();
    await user.keyboard("{Enter}");
    const dialog = await screen.findByRole("dialog", { name: "Déplacer l'entretien de LEFÈVRE Zoé" });
    await user.selectOptions(within(dialog).getByLabelText("Nouveau créneau"), `${last.date_display} — 8 h 30 — Jury 1 — Salle du conseil`);
    await user.click(within(dialog).getByRole("button", { name: "Déplacer ici" }));
    expect(backend.scheduleMove).toHaveBeenCalledWith(12, 1, last.date, "08:30");
    await waitFor(() => expect(container.querySelector('[data-candidate="12"]')).toHaveFocus());
    expect(drawnDays()).toBe(30);
    expect(cell(container, 1, last.date, 510)).toContainElement(container.querySelector('[data-candidate="12"]'));
    expect(lines()).toEqual(["200 sur 450 candidats affichés"]);
  });

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

    expect(screen.getByText(/6 entretiens sur 2 jours, 40 min d'attente au total/)).toBeInTheDocument();
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

  it("says why a stored setup cannot be used, and sends to « Organisation »", async () => {
    const { user } = setup({ schedule: vi.fn(() => ok(brokenSetupView)) });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("L'organisation enregistrée ne permet pas d'afficher le planning");
    expect(alert).toHaveTextContent("la pause de 12 h 30 à 13 h 30 sort de la journée (8 h 30 – 12 h)");
    expect(screen.queryByText(/Aucune journée d'entretiens/)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Planifier" })).toBeDisabled();
    await user.click(within(alert).getByRole("button", { name: "Aller à l'organisation" }));
    expect(screen.getByRole("tab", { name: "Organisation" })).toHaveAttribute("aria-selected", "true");
  });

  it("places each break by its minutes, between the slots it separates", async () => {
    // A coffee break at 10 h 30 – 10 h 50 (slots resume at 10 h 50) and lunch; no gap-counting.
    const starts = [510, 550, 590, 650, 690, 810, 850];
    const day: GridDay = {
      ...gridDays[0]!,
      slots: starts.map((start) => ({
        start,
        end: start + 30,
        start_display: `${Math.floor(start / 60)} h ${String(start % 60).padStart(2, "0")}`,
        part: start < 780 ? "morning" : "afternoon",
      })),
      breaks: [
        { start: 750, end: 810, display: "12 h 30 – 13 h 30" },
        { start: 630, end: 650, display: "10 h 30 – 10 h 50" },
      ],
    };
    setup({ schedule: vi.fn(() => ok({ ...view, days: [day], interviews: view.interviews.filter((i) => i.date === day.date && starts.includes(i.start)) })) });
    const table = await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => within(r).queryByRole("rowheader")?.textContent?.trim() ?? r.textContent?.trim());
    expect(rows).toEqual([
      "Matin — membres qui siègent",
      "8 h 30",
      "9 h 10",
      "9 h 50",
      "Pause 10 h 30 – 10 h 50",
      "10 h 50",
      "11 h 30",
      "Pause 12 h 30 – 13 h 30",
      "Après-midi — membres qui siègent",
      "13 h 30",
      "14 h 10",
    ]);
  });

  it("puts a break before every slot first and one after them last", () => {
    const slot = (start: number) => ({ start, end: start + 30, start_display: String(start), part: "morning" as const });
    const rows = dayRows({
      ...gridDays[0]!,
      slots: [slot(540), slot(580)],
      breaks: [
        { start: 700, end: 720, display: "late" },
        { start: 480, end: 540, display: "early" },
      ],
    });
    expect(rows.map((r) => (r.kind === "break" ? r.brk.display : r.kind === "slot" ? r.slot.start : r.part))).toEqual([
      "early",
      "morning",
      540,
      580,
      "late",
    ]);
  });

  it("plans at once when nothing is planned, and shows core's refusal prominently", async () => {
    const { user, backend } = setup({ schedule: vi.fn(() => ok(unplannedView)), schedulePlan: refusing(planRefused) });
    expect(await screen.findByText("Aucun entretien planifié : cliquez sur Planifier.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "À placer (7)" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Convocations…" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Planifier" }));
    expect(backend.schedulePlan).toHaveBeenCalledTimes(1);
    expect(backend.schedulePlan).toHaveBeenCalledWith(false);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Planification impossible");
    expect(alert).toHaveTextContent("Aucun planning n'est possible.");
    expect(alert).toHaveTextContent("Le planning précédent est conservé.");
    // Dismissed, the refusal goes with its button: the keyboard goes on, not to the body.
    await user.click(within(alert).getByRole("button", { name: "Fermer le message" }));
    expect(screen.queryByRole("alert")).toBeNull();
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    expect(document.activeElement).toHaveAttribute("data-focus-moved");
  });

  it("asks before planning again over an existing plan", async () => {
    const { user, backend, onnotice } = setup();
    await user.click(await screen.findByRole("button", { name: "Planifier" }));
    const dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens non fixés\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(backend.schedulePlan).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Planifier" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Replanifier" }));
    expect(backend.schedulePlan).toHaveBeenCalledTimes(1);
    expect(backend.schedulePlan).toHaveBeenCalledWith(false);
    expect(backend.schedulePreview).not.toHaveBeenCalled();
    await waitFor(() => expect(onnotice).toHaveBeenCalledWith(expect.stringContaining("Entretiens planifiés.")));
  });

  it("shows the conflicts a change of the setup made", async () => {
    setup({ schedule: vi.fn(() => ok({ ...view, conflicts: ["Dr Anne LEROY est indisponible le vendredi 15 janvier 2027 matin"] })) });
    expect(await screen.findByRole("heading", { name: /Conflits à résoudre/ })).toBeInTheDocument();
    expect(screen.getByText("Dr Anne LEROY est indisponible le vendredi 15 janvier 2027 matin")).toBeInTheDocument();
  });

  it("shows the same conflict twice without failing, and marks the slots of a jury that cannot sit", async () => {
    const same = "Le jury Jury 1 ne siège pas le jeudi 14/01 matin (2 membres présents, 3 requis)";
    setup({ schedule: vi.fn(() => ok({ ...view, conflicts: [same, same] })) });
    expect(await screen.findByRole("heading", { name: /Conflits à résoudre/ })).toBeInTheDocument();
    expect(screen.getAllByText(same)).toHaveLength(2);
    // Jury 2 does not sit on Friday afternoon (mock): its free slots say so, not « Libre ».
    expect(screen.getAllByText("— (le jury ne siège pas)").length).toBeGreaterThan(0);
  });

  it("checks every cell live when a drag starts, follows the pointer and moves on release where core allows it", async () => {
    const { backend, onnotice, container } = setup();
    await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    const zoe = card(/LEFÈVRE Zoé/);
    const target = cell(container, 1, "2027-01-15", 810);
    pointAt(target);
    await press(zoe);
    expect(backend.scheduleTargets).not.toHaveBeenCalled();
    await moveTo(zoe, 60, 200);
    expect(backend.scheduleTargets).toHaveBeenCalledWith(12);
    const ghost = document.querySelector<HTMLElement>(".drag-ghost");
    expect(ghost).toHaveTextContent("LEFÈVRE Zoé");
    // Drawn where the card was held (pressed at 10, 10 on a card at 0, 0 in jsdom).
    expect(ghost).toHaveStyle({ left: "50px", top: "190px" });
    expect(ghost).toHaveAttribute("aria-hidden", "true");
    expect(zoe).toHaveClass("lifted");
    await waitFor(() => expect(target).toHaveClass("allowed"));
    expect(target).toHaveClass("over");
    const taken = cell(container, 1, "2027-01-14", 510);
    expect(taken).toHaveClass("blocked");
    expect(taken).toHaveAttribute("title", expect.stringContaining("Créneau déjà occupé par DUPONT-MOREAU Marie-Ève"));
    expect(cell(container, 2, "2027-01-15", 850)).toHaveClass("blocked");
    expect(screen.getByRole("status")).toHaveTextContent("Déposer ici : vendredi 15 janvier 2027 à 13 h 30, Jury 1 — Salle du conseil");

    await release(zoe, 60, 200);
    // The click that ends a drag does not open the dialog.
    await fireEvent.click(zoe);
    await waitFor(() => expect(backend.scheduleMove).toHaveBeenCalledWith(12, 1, "2027-01-15", "13:30"));
    expect(backend.scheduleTargets).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(document.querySelector(".drag-ghost")).not.toBeInTheDocument();
    await waitFor(() =>
      expect(onnotice).toHaveBeenCalledWith("Entretien de LEFÈVRE Zoé placé le vendredi 15 janvier 2027 à 13 h 30, Jury 1 — Salle du conseil (fixé)."),
    );
  });

  it("refuses a drop on a conflicting cell and says why, without asking core to move", async () => {
    const { backend, container } = setup();
    await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    const zoe = card(/LEFÈVRE Zoé/);
    const target = cell(container, 2, "2027-01-15", 850);
    pointAt(target);
    await press(zoe);
    await moveTo(zoe, 40, 40);
    await waitFor(() => expect(target).toHaveClass("blocked"));
    const why = "Impossible ici : Le jury Jury 2 ne siège pas le vendredi 15 janvier 2027 après-midi (Dr Anne LEROY est indisponible : 1 membre présent sur 2 requis)";
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent(why));
    await release(zoe, 40, 40);
    await new Promise((r) => setTimeout(r, 0));
    expect(backend.scheduleMove).not.toHaveBeenCalled();
    expect(screen.getByRole("status")).toHaveTextContent(why);
    expect(target).not.toHaveClass("blocked");
  });

  it("places a waiting candidate by dragging, and shows core's refusal of a move", async () => {
    const refused: AppError = {
      code: "move_conflicts",
      message: "Déplacement impossible : Dr Karim BELKACEM est récusé pour MARTIN Léa. Le planning n'a pas été modifié.",
      details: [],
    };
    const { backend, container } = setup({ scheduleMove: refusing(refused) });
    const chip = await screen.findByRole("button", { name: /MARTIN Léa/ });
    const target = cell(container, 2, "2027-01-14", 590);
    pointAt(target);
    await press(chip);
    await moveTo(chip, 30, 30);
    expect(backend.scheduleTargets).toHaveBeenCalledWith(17);
    expect(document.querySelector(".drag-ghost")).toHaveTextContent(/MARTIN Léa\s*Étudiant — médecine/);
    await waitFor(() => expect(target).toHaveClass("allowed"));
    await release(chip, 30, 30);
    await waitFor(() => expect(backend.scheduleMove).toHaveBeenCalledWith(17, 2, "2027-01-14", "09:50"));
    expect(await screen.findByRole("alert")).toHaveTextContent("Déplacement impossible : Dr Karim BELKACEM est récusé pour MARTIN Léa.");
  });

  it("keeps a press that barely moves a click (the dialog opens), and ignores other buttons", async () => {
    const { backend, container } = setup();
    await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    const zoe = card(/LEFÈVRE Zoé/);
    pointAt(cell(container, 1, "2027-01-15", 810));
    await fireEvent.pointerDown(zoe, { ...pointer, button: 2, clientX: 10, clientY: 10 });
    await moveTo(zoe, 80, 80);
    expect(backend.scheduleTargets).not.toHaveBeenCalled();
    await release(zoe, 80, 80);

    await press(zoe);
    await moveTo(zoe, 13, 12);
    expect(document.querySelector(".drag-ghost")).not.toBeInTheDocument();
    await release(zoe, 13, 12);
    await fireEvent.click(zoe);
    expect(await screen.findByRole("dialog", { name: "Déplacer l'entretien de LEFÈVRE Zoé" })).toBeInTheDocument();
    expect(backend.scheduleTargets).toHaveBeenCalledTimes(1);
  });

  it("cancels a drag with Escape: nothing moves and the release does not open the dialog", async () => {
    const { backend, container } = setup();
    await screen.findByRole("table", { name: "Entretiens du jeudi 14 janvier 2027" });
    const zoe = card(/LEFÈVRE Zoé/);
    const target = cell(container, 1, "2027-01-15", 810);
    pointAt(target);
    await press(zoe);
    await moveTo(zoe, 50, 50);
    await waitFor(() => expect(target).toHaveClass("allowed"));
    await fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.getByRole("status")).toHaveTextContent("Déplacement annulé.");
    expect(document.querySelector(".drag-ghost")).not.toBeInTheDocument();
    expect(target).not.toHaveClass("allowed");
    expect(zoe).not.toHaveClass("lifted");
    await moveTo(zoe, 60, 60);
    expect(document.querySelector(".drag-ghost")).not.toBeInTheDocument();
    await release(zoe, 60, 60);
    await fireEvent.click(zoe);
    expect(backend.scheduleMove).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
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
    const blocked = within(dialog).getByRole("option", { name: /vendredi 15 janvier 2027 — 13 h 30 — Jury 2 — Salle 2.14 — impossible\u00a0: Le jury Jury 2 ne siège pas/ });
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
    expect(onnotice).toHaveBeenCalledWith("Entretien de LEFÈVRE Zoé fixé\u00a0: il restera à sa place si vous replanifiez.");
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
    let confirm = screen.getByRole("dialog", { name: "Libérer le créneau de LEFÈVRE Zoé\u00a0?" });
    await user.click(within(confirm).getByRole("button", { name: "Annuler" }));
    expect(backend.scheduleFree).not.toHaveBeenCalled();

    await user.click(card(/LEFÈVRE Zoé/));
    await user.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Libérer le créneau…" }));
    confirm = screen.getByRole("dialog", { name: "Libérer le créneau de LEFÈVRE Zoé\u00a0?" });
    await user.click(within(confirm).getByRole("button", { name: "Libérer le créneau" }));
    expect(backend.scheduleFree).toHaveBeenCalledWith(12);
    expect(await screen.findByRole("heading", { name: "À placer (2)" })).toBeInTheDocument();
    const waiting = screen.getByRole("button", { name: /LEFÈVRE Zoé.*Placer…/ });
    await waitFor(() => expect(waiting).toHaveFocus());
    expect(onnotice).toHaveBeenCalledWith("Créneau de LEFÈVRE Zoé libéré\u00a0; LEFÈVRE Zoé figure parmi les candidats «\u00a0À placer\u00a0».");
  });

  it("records a withdrawal only with a reason: the dossier is not receivable and the slot freed", async () => {
    const withdrawn: ScheduleView = { ...view, interviews: view.interviews.filter((i) => i.candidate_id !== 12) };
    const { backend, user, onnotice } = setup({ scheduleWithdraw: vi.fn(() => ok(withdrawn)) });
    await user.click(await screen.findByRole("button", { name: /LEFÈVRE Zoé/ }));
    let moveDialog = await screen.findByRole("dialog", { name: "Déplacer l'entretien de LEFÈVRE Zoé" });
    expect(within(moveDialog).getByRole("button", { name: "Libérer le créneau…" })).toHaveAccessibleDescription(
      expect.stringContaining("«\u00a0Planifier\u00a0» lui redonnera un créneau"),
    );
    await user.click(within(moveDialog).getByRole("button", { name: "Désistement…" }));
    let dialog = screen.getByRole("dialog", { name: "Désistement de LEFÈVRE Zoé" });
    expect(within(dialog).getByText("Le dossier sera déclaré non recevable et le créneau libéré ; le candidat ne sera plus planifié.")).toBeInTheDocument();
    const reason = within(dialog).getByLabelText("Motif");
    expect(reason).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(card(/LEFÈVRE Zoé/)).toHaveFocus());
    expect(backend.scheduleWithdraw).not.toHaveBeenCalled();

    await user.keyboard("{Enter}");
    moveDialog = await screen.findByRole("dialog", { name: "Déplacer l'entretien de LEFÈVRE Zoé" });
    await user.click(within(moveDialog).getByRole("button", { name: "Désistement…" }));
    dialog = screen.getByRole("dialog", { name: "Désistement de LEFÈVRE Zoé" });
    await user.type(within(dialog).getByLabelText("Motif"), "   ");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le désistement" }));
    expect(backend.scheduleWithdraw).not.toHaveBeenCalled();
    const field = within(dialog).getByLabelText("Motif");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(expect.stringContaining("«\u00a0Motif\u00a0» est obligatoire"));
    expect(field).toHaveFocus();

    await user.clear(field);
    await user.type(field, "désistement reçu par courriel le 10/01");
    expect(field).not.toHaveAttribute("aria-invalid");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le désistement" }));
    expect(backend.scheduleWithdraw).toHaveBeenCalledWith(12, "désistement reçu par courriel le 10/01");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.queryByRole("button", { name: /LEFÈVRE Zoé/ })).not.toBeInTheDocument();
    expect(onnotice).toHaveBeenCalledWith(
      "Désistement de LEFÈVRE Zoé enregistré\u00a0: dossier déclaré non recevable, créneau libéré\u00a0; aucun entretien ne sera plus planifié pour LEFÈVRE Zoé.",
    );
    await waitFor(() => expect(screen.getByRole("heading", { name: "Planning des entretiens" })).toHaveFocus());
  });

  it("says core's refusal of a withdrawal at the reason, and records one for a waiting candidate", async () => {
    const missing: AppError = {
      code: "validation",
      message: "« Motif » est obligatoire : indiquez ce que le candidat a fait savoir (par exemple « désistement reçu par courriel le 10/01 »).",
      details: [{ field: "reason", message: "« Motif » est obligatoire : indiquez ce que le candidat a fait savoir (par exemple « désistement reçu par courriel le 10/01 »)." }],
    };
    const withdrawn: ScheduleView = { ...view, unplaced: [] };
    const scheduleWithdraw = vi.fn().mockReturnValueOnce(Promise.resolve({ status: "error", error: missing })).mockReturnValue(ok(withdrawn));
    const { user, onnotice } = setup({ scheduleWithdraw });
    await user.click(await screen.findByRole("button", { name: /MARTIN Léa.*Placer…/ }));
    const placeDialog = await screen.findByRole("dialog", { name: "Placer MARTIN Léa" });
    expect(within(placeDialog).queryByRole("button", { name: "Libérer le créneau…" })).not.toBeInTheDocument();
    await user.click(within(placeDialog).getByRole("button", { name: "Désistement…" }));
    const dialog = screen.getByRole("dialog", { name: "Désistement de MARTIN Léa" });
    expect(within(dialog).getByText("Le dossier sera déclaré non recevable ; le candidat ne sera plus planifié.")).toBeInTheDocument();
    const field = within(dialog).getByLabelText("Motif");
    await user.type(field, "?");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le désistement" }));
    expect(scheduleWithdraw).toHaveBeenCalledWith(17, "?");
    await waitFor(() => expect(field).toHaveAttribute("aria-invalid", "true"));
    expect(field).toHaveAccessibleDescription(expect.stringContaining("par exemple « désistement reçu par courriel le 10/01 »"));
    expect(within(dialog).queryByRole("alert")).not.toBeInTheDocument();

    await user.type(field, " appel du candidat");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer le désistement" }));
    expect(scheduleWithdraw).toHaveBeenLastCalledWith(17, "? appel du candidat");
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(onnotice).toHaveBeenCalledWith("Désistement de MARTIN Léa enregistré\u00a0: dossier déclaré non recevable\u00a0; aucun entretien ne sera plus planifié pour MARTIN Léa.");
    expect(screen.getByRole("heading", { name: "À placer (0)" })).toHaveFocus();
  });

  it("writes the convocations, the timetable and the workbook, and says where", async () => {
    const { backend, user, onnotice } = setup();
    await user.click(await screen.findByRole("button", { name: "Convocations…" }));
    expect(backend.scheduleConvocations).toHaveBeenCalledWith(false);
    expect(onnotice).toHaveBeenLastCalledWith(
      "6 convocations, le fichier de toutes les convocations, 6 calendriers de candidats et 4 calendriers de membres enregistrés dans «\u00a0/home/claire/Convocations\u00a0».",
    );
    // Written, they went out: the view is read again to say so.
    await waitFor(() => expect(backend.schedule).toHaveBeenCalledTimes(2));
    await user.click(screen.getByRole("button", { name: "Planning (PDF)…" }));
    expect(backend.scheduleTimetable).toHaveBeenCalled();
    expect(onnotice).toHaveBeenLastCalledWith("Planning des entretiens enregistré dans «\u00a0/home/claire/Planning des entretiens CESP.pdf\u00a0».");
    await user.click(screen.getByRole("button", { name: "Planning (xlsx)…" }));
    expect(backend.scheduleXlsx).toHaveBeenCalled();
    expect(onnotice).toHaveBeenLastCalledWith("Planning des entretiens (classeur) enregistré dans «\u00a0/home/claire/Planning des entretiens CESP.xlsx\u00a0».");
    expect(onnotice).toHaveBeenCalledTimes(3);
  });

  it("says what the convocations' export wrote, in the singular too", () => {
    const done = fr.schedule.planning.convocationsDone;
    const folder = "/home/claire/Convocations";
    const dans = "dans «\u00a0/home/claire/Convocations\u00a0».";
    expect(done({ folder, letters: 37, batch: `${folder}/toutes.pdf`, candidate_calendars: 37, member_calendars: 7 })).toBe(
      `37 convocations, le fichier de toutes les convocations, 37 calendriers de candidats et 7 calendriers de membres enregistrés ${dans}`,
    );
    expect(done({ folder, letters: 1, batch: null, candidate_calendars: 1, member_calendars: 1 })).toBe(
      `1 convocation, 1 calendrier de candidat et 1 calendrier de membre enregistrés ${dans}`,
    );
    expect(done({ folder, letters: 1, batch: null, candidate_calendars: 0, member_calendars: 0 })).toBe(`1 convocation enregistrée ${dans}`);
    expect(done({ folder, letters: 2, batch: null, candidate_calendars: 0, member_calendars: 0 })).toBe(`2 convocations enregistrées ${dans}`);
    expect(done({ folder, letters: 0, batch: null, candidate_calendars: 0, member_calendars: 1 })).toBe(`1 calendrier de membre enregistré ${dans}`);
    // Only what changed: amended ones among the letters, the cancellations.
    const changes = { folder, batch: null, candidate_calendars: 0, member_calendars: 0 };
    expect(done({ ...changes, letters: 2, amended: 1, cancellations: 1 }, true)).toBe(
      `2 convocations (dont 1 rectificative) et 1 annulation d'entretien enregistrées ${dans}`,
    );
    expect(done({ ...changes, letters: 0, amended: 0, cancellations: 1 }, true)).toBe(`1 annulation d'entretien enregistrée ${dans}`);
    expect(done({ ...changes, letters: 0, amended: 0, cancellations: 2, member_calendars: 3 }, true)).toBe(
      `2 annulations d'entretien et 3 calendriers de membres enregistrés ${dans}`,
    );
    expect(done({ ...changes, letters: 3, amended: 3, batch: `${folder}/modifications.pdf`, candidate_calendars: 3, cancellations: 0 }, true)).toBe(
      `3 convocations (dont 3 rectificatives), le fichier qui les regroupe et 3 calendriers de candidats enregistrés ${dans}`,
    );
  });

  it("says nothing when the folder dialog is cancelled", async () => {
    const { backend, user, onnotice } = setup({ scheduleConvocations: vi.fn(() => ok(null)) });
    await user.click(await screen.findByRole("button", { name: "Convocations…" }));
    expect(backend.scheduleConvocations).toHaveBeenCalled();
    expect(onnotice).not.toHaveBeenCalled();
  });
});

describe("SchedulePanel — once the convocations went out", () => {
  const pending = (to_send: number, candidates = 36): ScheduleView => ({
    ...outView,
    convocations: { candidates, last_display: "03/12/2026 à 10 h 16", to_send },
  });

  it("says who was convoked and when, how many are to send, and writes only those", async () => {
    const { backend, user, onnotice } = setup({ schedule: vi.fn(() => ok(pending(6))) });
    const notice = await screen.findByRole("region", { name: "Convocations envoyées à 36 candidats (dernier envoi le 03/12/2026 à 10 h 16)." });
    expect(within(notice).getByRole("heading", { level: 2 })).toBeInTheDocument();
    expect(within(notice).getByText("6 convocations à envoyer après les changements du planning.")).toHaveAttribute("role", "status");
    expect(within(notice).getByText(/seuls les candidats déplacés recevront une convocation rectificative/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Replanifier…" })).toBeEnabled();
    expect(screen.queryByRole("button", { name: "Planifier" })).not.toBeInTheDocument();

    await user.click(within(notice).getByRole("button", { name: "Écrire les convocations modifiées…" }));
    expect(backend.scheduleConvocations).toHaveBeenCalledWith(true);
    expect(backend.scheduleConvocations).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(onnotice).toHaveBeenCalledWith(
        "3 convocations (dont 2 rectificatives), le fichier qui les regroupe, 3 calendriers de candidats et 4 calendriers de membres enregistrés dans «\u00a0/home/claire/Convocations rectificatives\u00a0».",
      ),
    );
    expect(changesWritten.amended).toBe(2);
    await waitFor(() => expect(backend.schedule).toHaveBeenCalledTimes(2));
  });

  it("agrees with one candidate, and says when nothing is left to send", async () => {
    setup({ schedule: vi.fn(() => ok(pending(0, 1))) });
    const notice = await screen.findByRole("region", { name: "Convocation envoyée à 1 candidat (dernier envoi le 03/12/2026 à 10 h 16)." });
    expect(within(notice).getByText("Aucune convocation à envoyer : aucun entretien n'a changé depuis le dernier envoi.")).toBeInTheDocument();
    expect(within(notice).queryByRole("button")).not.toBeInTheDocument();
    expect(fr.schedule.planning.toSend(1)).toBe("1 convocation à envoyer après les changements du planning.");
  });

  it("shows core's refusal of writing the changes", async () => {
    const nothing: AppError = {
      code: "no_convocation_change",
      message: "Aucun entretien n'a changé depuis l'envoi des convocations : il n'y a pas de convocation rectificative à écrire.",
      details: [],
    };
    const { user, onnotice } = setup({ schedule: vi.fn(() => ok(pending(2))), scheduleConvocations: refusing(nothing) });
    await user.click(await screen.findByRole("button", { name: "Écrire les convocations modifiées…" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("il n'y a pas de convocation rectificative à écrire");
    expect(onnotice).not.toHaveBeenCalled();
  });

  it("replans only after showing who moves, from when to when, and what each will receive", async () => {
    let answer: (preview: PlanPreview) => void = () => {};
    const schedulePreview = vi.fn(() => new Promise<{ status: "ok"; data: PlanPreview }>((r) => (answer = (data) => r({ status: "ok", data }))));
    const { backend, user, onnotice } = setup({
      schedule: vi.fn(() => ok(outView)),
      schedulePreview,
      schedulePlan: vi.fn(() => ok(replannedView)),
    });
    const button = await screen.findByRole("button", { name: "Replanifier…" });
    await user.click(button);
    const dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens" });
    expect(dialog).toHaveAccessibleDescription(
      "Les convocations sont parties. Le nouveau planning déplace le moins d'entretiens possible\u00a0; seuls les candidats déplacés recevront une convocation rectificative.",
    );
    // Busy while core computes: nothing to accept yet, the keyboard on « Annuler ».
    expect(within(dialog).getByRole("status")).toHaveTextContent("Calcul du nouveau planning…");
    expect(within(dialog).getByRole("button", { name: "Accepter ce planning" })).toBeDisabled();
    expect(within(dialog).getByRole("button", { name: "Annuler" })).toHaveFocus();
    expect(backend.schedulePreview).toHaveBeenCalledTimes(1);

    answer(planPreview);
    const table = await within(dialog).findByRole("table", { name: "Entretiens qui changent (3)" });
    expect(within(dialog).getByRole("status")).toHaveTextContent(
      "3 entretiens changent ; à envoyer après acceptation : 2 convocations rectificatives et 1 première convocation.",
    );
    expect(within(dialog).getByText(/Qualité du nouveau planning/).closest("p")).toHaveTextContent(
      "7 entretiens sur 2 jours, 80 min d'attente au total, 1 sur 1 préférence respectée",
    );
    expect(within(dialog).getByText("Entretiens par jury : Jury 1 : 4, Jury 2 : 3.")).toBeInTheDocument();
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent)).toEqual(["Candidat", "Avant", "Après", "À envoyer"]);
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [within(r).getByRole("rowheader").textContent, ...within(r).getAllByRole("cell").map((c) => c.textContent)]);
    expect(rows).toEqual([
      ["LEFÈVRE Zoé", "jeudi 14 janvier 2027 à 9 h 10 — Jury 1", "vendredi 15 janvier 2027 à 13 h 30 — Jury 1", "Convocation rectificative"],
      ["MARTIN Léa", "Non planifié", "vendredi 15 janvier 2027 à 14 h 50 — Jury 1", "Première convocation"],
      ["ROUSSEL Chloé", "jeudi 14 janvier 2027 à 13 h 30 — Jury 1", "vendredi 15 janvier 2027 à 14 h 10 — Jury 1", "Convocation rectificative"],
    ]);
    expect(backend.schedulePlan).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole("button", { name: "Accepter ce planning" }));
    expect(backend.schedulePlan).toHaveBeenCalledTimes(1);
    expect(backend.schedulePlan).toHaveBeenCalledWith(true);
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(onnotice).toHaveBeenCalledWith("Planning modifié\u00a0: 2 entretiens déplacés et 1 candidat placé. Écrivez les convocations modifiées.");
    expect(screen.getByText("3 convocations à envoyer après les changements du planning.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "À placer (0)" })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Replanifier…" })).toHaveFocus());
  });

  it("changes nothing when cancelled, with Escape or « Annuler », and gives the keyboard back", async () => {
    const { backend, user } = setup({ schedule: vi.fn(() => ok(outView)) });
    const button = await screen.findByRole("button", { name: "Replanifier…" });
    await user.click(button);
    let dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens" });
    await within(dialog).findByRole("table");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(button).toHaveFocus());

    await user.click(button);
    dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens" });
    await within(dialog).findByRole("table");
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    await waitFor(() => expect(button).toHaveFocus());
    expect(backend.schedulePlan).not.toHaveBeenCalled();
    expect(backend.scheduleConvocations).not.toHaveBeenCalled();
  });

  it("shows core's refusal in the dialog, of the preview or of the plan", async () => {
    const { backend, user, onnotice } = setup({ schedule: vi.fn(() => ok(outView)), schedulePlan: refusing(planRefused) });
    await user.click(await screen.findByRole("button", { name: "Replanifier…" }));
    const dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens" });
    await user.click(await within(dialog).findByRole("button", { name: "Accepter ce planning" }));
    const alert = await within(dialog).findByRole("alert");
    expect(alert).toHaveTextContent("Planification impossible");
    expect(alert).toHaveTextContent("Aucun planning n'est possible.");
    expect(backend.schedulePlan).toHaveBeenCalledWith(true);
    expect(screen.getByRole("dialog")).toBe(dialog);
    expect(onnotice).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));

    vi.mocked(backend.schedulePreview).mockReturnValueOnce(Promise.resolve({ status: "error", error: planRefused }));
    await user.click(screen.getByRole("button", { name: "Replanifier…" }));
    const again = screen.getByRole("dialog", { name: "Replanifier les entretiens" });
    expect(await within(again).findByRole("alert")).toHaveTextContent("Le jury Jury 2 ne peut siéger aucune demi-journée");
    expect(within(again).queryByRole("table")).not.toBeInTheDocument();
    expect(within(again).getByRole("button", { name: "Accepter ce planning" })).toBeDisabled();
  });

  it("says what a cancelled interview and a plan that changes nothing will send", async () => {
    const preview: PlanPreview = {
      ...planPreview,
      changes: [
        { candidate_id: 14, name: "BENOÎT Loïc", before: "jeudi 14 janvier 2027 à 9 h 10 — Jury 2", after: null, convoked: true, sends: "cancellation" },
        { candidate_id: 17, name: "MARTIN Léa", before: "jeudi 14 janvier 2027 à 9 h 50 — Jury 2", after: null, convoked: false, sends: "nothing" },
      ],
    };
    const schedulePreview = vi.fn().mockReturnValueOnce(ok(preview)).mockReturnValue(ok({ ...planPreview, changes: [] }));
    const { user } = setup({ schedule: vi.fn(() => ok(outView)), schedulePreview });
    await user.click(await screen.findByRole("button", { name: "Replanifier…" }));
    let dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens" });
    const table = await within(dialog).findByRole("table", { name: "Entretiens qui changent (2)" });
    const loic = within(table).getByRole("row", { name: /BENOÎT Loïc/ });
    expect(within(loic).getAllByRole("cell").map((c) => c.textContent)).toEqual(["jeudi 14 janvier 2027 à 9 h 10 — Jury 2", "Plus d'entretien", "Annulation"]);
    const lea = within(table).getByRole("row", { name: /MARTIN Léa/ });
    expect(within(lea).getAllByRole("cell")[2]).toHaveTextContent("Rien à envoyer");
    expect(within(dialog).getByRole("status")).toHaveTextContent("2 entretiens changent ; à envoyer après acceptation : 1 annulation.");
    await user.keyboard("{Escape}");

    await user.click(screen.getByRole("button", { name: "Replanifier…" }));
    dialog = screen.getByRole("dialog", { name: "Replanifier les entretiens" });
    await waitFor(() => expect(within(dialog).getByRole("status")).toHaveTextContent("Aucun entretien ne change."));
    expect(within(dialog).queryByRole("table")).not.toBeInTheDocument();
    expect(within(dialog).getByRole("button", { name: "Accepter ce planning" })).toBeEnabled();
  });

  it("says core's refusal to plan from scratch once convocations went out, then offers to replan", async () => {
    const schedule = vi.fn().mockReturnValueOnce(ok(view)).mockReturnValue(ok(outView));
    const { backend, user } = setup({ schedule, schedulePlan: refusing(convocationsOut) });
    await user.click(await screen.findByRole("button", { name: "Planifier" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Replanifier" }));
    expect(backend.schedulePlan).toHaveBeenCalledWith(false);
    expect(await screen.findByRole("alert")).toHaveTextContent("Choisissez « Replanifier »");
    expect(await screen.findByRole("button", { name: "Replanifier…" })).toBeInTheDocument();
  });

  it("reads the plan again once the convocations' e-mail dialog closes (what went out shows)", async () => {
    const schedule = vi.fn().mockReturnValueOnce(ok(view)).mockReturnValue(ok(pending(0)));
    const { user } = setup({ schedule });
    await user.click(await screen.findByRole("button", { name: /^Envoyer par courriel…/ }));
    const dialog = await screen.findByRole("dialog");
    await user.click(await within(dialog).findByRole("button", { name: /^(Annuler|Fermer)$/ }));
    expect(await screen.findByRole("region", { name: /^Convocations envoyées à 36 candidats/ })).toBeInTheDocument();
    expect(schedule).toHaveBeenCalledTimes(2);
  });

  it("counts a plan's changes in the notice, agreeing", () => {
    const done = fr.schedule.planning.replanned;
    expect(done(1, 0, 0, 1)).toBe("Planning modifié\u00a0: 1 entretien déplacé. Écrivez les convocations modifiées.");
    expect(done(6, 0, 0, 6)).toBe("Planning modifié\u00a0: 6 entretiens déplacés. Écrivez les convocations modifiées.");
    expect(done(0, 2, 1, 3)).toBe("Planning modifié\u00a0: 2 candidats placés et 1 entretien retiré. Écrivez les convocations modifiées.");
    expect(done(0, 0, 0, 0)).toBe("Planning conservé\u00a0: aucun entretien ne change.");
  });
});

/** The setup as the form sends it: the numbers as typed. */
const asTyped = (s: ScheduleSetup): ScheduleSetupText => ({
  ...s,
  interview_minutes: String(s.interview_minutes),
  buffer_minutes: String(s.buffer_minutes),
  min_jury_size: String(s.min_jury_size),
  required_role: s.required_role ?? null,
  separate_populations: s.separate_populations ?? false,
  unavailable: s.unavailable ?? [],
  preferences: s.preferences ?? [],
  bring: s.bring ?? [],
  contact: s.contact ?? "",
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
      ...asTyped(storedSetup),
      interview_minutes: "45",
      required_role: "ars_representative",
      days: [storedSetup.days[0], { ...storedSetup.days[1], opening: "9 h" }],
      juries: [{ ...storedSetup.juries[0], members: [1, 2, 3] }, storedSetup.juries[1]],
      preferences: [...storedSetup.preferences!, { candidate: 17, date: "14/01/2027", part: "afternoon" }],
      bring: ["Pièce d'identité", "Convocation imprimée", "Stylo"],
    });
    await waitFor(() => expect(onnotice).toHaveBeenCalledWith("Organisation des entretiens enregistrée."));
    expect(backend.scheduleSetup).toHaveBeenCalledTimes(2);
  });

  it("keeps the draft when switching views, adds and removes days, and shows core's refusal of a number", async () => {
    // Core's message (crates/core/src/forms.rs).
    const message = "« Battement entre deux entretiens (min) » : « dix » n'est pas un nombre entier ; saisissez des chiffres uniquement.";
    const { backend, user } = setup({ scheduleSetupSet: refusing({ code: "validation", message, details: [{ field: "buffer_minutes", message }] }) });
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
    expect(vi.mocked(backend.scheduleSetupSet).mock.lastCall![0].buffer_minutes).toBe("dix");
    await waitFor(() => expect(buffer).toHaveAttribute("aria-invalid", "true"));
    expect(buffer).toHaveAccessibleDescription(expect.stringContaining("« dix » n'est pas un nombre entier"));

    await user.click(within(form).getByRole("button", { name: "Annuler les modifications" }));
    expect(within(form).getByLabelText("Battement entre deux entretiens (min)")).toHaveValue("10");
    expect(within(form).getByRole("group", { name: "Journée n° 1 — 14/01/2027" })).toBeInTheDocument();
    expect(screen.getByRole("tab", { name: "Organisation" })).toBeInTheDocument();
  });

  it("asks before removing a jury that has interviews, and keeps the juries' identifiers in the setup sent", async () => {
    const { backend, user } = setup();
    const form = await openSetup(user);
    const remove = within(form).getByRole("button", { name: "Retirer le jury n° 1" });
    await user.click(remove);
    let confirm = screen.getByRole("dialog", { name: "Supprimer «\u00a0Jury 1\u00a0»\u00a0?" });
    expect(within(confirm).getByText("Ses 3 entretiens seront retirés du planning.")).toBeInTheDocument();
    await user.click(within(confirm).getByRole("button", { name: "Annuler" }));
    expect(within(form).getByRole("group", { name: "Jury n° 1 — Jury 1" })).toBeInTheDocument();
    expect(remove).toHaveFocus();

    await user.click(remove);
    confirm = screen.getByRole("dialog", { name: "Supprimer «\u00a0Jury 1\u00a0»\u00a0?" });
    await user.click(within(confirm).getByRole("button", { name: "Supprimer le jury" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(within(form).getByRole("group", { name: "Jury n° 1 — Jury 2" })).toBeInTheDocument();
    await waitFor(() => expect(within(form).getByRole("button", { name: "Ajouter un jury" })).toHaveFocus());

    // A new jury has no identifier yet, and no interview: removed without asking.
    await user.click(within(form).getByRole("button", { name: "Ajouter un jury" }));
    expect(within(form).getByRole("group", { name: "Jury n° 2 — Jury 3" })).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Ajouter un jury" }));
    await user.click(within(form).getByRole("button", { name: "Retirer le jury n° 3" }));
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();

    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(backend.scheduleSetupSet).toHaveBeenCalledWith({
      ...asTyped(storedSetup),
      juries: [
        { id: 2, name: "Jury 2", room: "Salle 2.14", members: [3, 4] },
        { id: null, name: "Jury 3", room: "", members: [] },
      ],
    });
  });

  it("marks only the break field core names, and a member in two juries at the jury", async () => {
    const invalid: AppError = {
      code: "validation",
      message: "2 points sont à corriger.",
      details: [
        { field: "days.0.breaks.0.end", message: "« Fin de la pause » : « 13h3O » n'est pas une heure ; écrivez par exemple « 8 h 30 » ou « 08:30 »." },
        {
          field: "juries.1.members",
          message: "Jury 2 : Dr Sophie MARCHAND siège déjà dans « Jury 1 » (jury 1) ; un membre ne peut pas être dans deux jurys à la fois.",
        },
      ],
    };
    const { user } = setup({ scheduleSetupSet: refusing(invalid) });
    const form = await openSetup(user);
    const thursday = within(form).getByRole("group", { name: "Journée n° 1 — 14/01/2027" });
    const end = within(thursday).getByLabelText("Fin de la pause");
    await user.clear(end);
    await user.type(end, "13h3O");
    const second = within(form).getByRole("group", { name: "Jury n° 2 — Jury 2" });
    await user.click(within(second).getByRole("checkbox", { name: /Dr Sophie MARCHAND/ }));
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));

    await waitFor(() => expect(end).toHaveAttribute("aria-invalid", "true"));
    expect(end).toHaveAccessibleDescription(expect.stringContaining("« 13h3O » n'est pas une heure"));
    expect(end).toHaveFocus();
    expect(within(thursday).getByLabelText("Début de la pause")).not.toHaveAttribute("aria-invalid");
    const friday = within(form).getByRole("group", { name: "Journée n° 2 — 15/01/2027" });
    expect(within(friday).getByLabelText("Fin de la pause")).not.toHaveAttribute("aria-invalid");
    const marchand = within(second).getByRole("checkbox", { name: /Dr Sophie MARCHAND/ });
    expect(marchand).toHaveAttribute("aria-invalid", "true");
    expect(marchand).toHaveAccessibleDescription(expect.stringContaining("siège déjà dans « Jury 1 »"));
    const first = within(form).getByRole("group", { name: "Jury n° 1 — Jury 1" });
    expect(within(first).getByRole("checkbox", { name: /Dr Sophie MARCHAND/ })).not.toHaveAttribute("aria-invalid");
  });

  it("offers the candidates to hear (core's list), keeping a chosen one who no longer is", async () => {
    const { user } = setup({ schedule: vi.fn(() => ok({ ...view, to_hear: view.to_hear.filter((c) => c.id !== 16) })) });
    const form = await openSetup(user);
    const preference = within(form).getByRole("group", { name: "Préférence n° 1" });
    const candidate = within(preference).getByLabelText("Candidat");
    expect(candidate).toHaveDisplayValue("Candidat n° 16 (n'est plus à entendre)");
    expect(within(candidate).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "— choisir un candidat —",
      "BENOÎT Loïc",
      "DUPONT-MOREAU Marie-Ève",
      "LEFÈVRE Zoé",
      "MARTIN Léa",
      "NGUYEN Thành",
      "ROUSSEL Chloé",
      "Candidat n° 16 (n'est plus à entendre)",
    ]);
    await user.click(within(form).getByRole("button", { name: "Ajouter une préférence" }));
    const added = within(form).getByRole("group", { name: "Préférence n° 2" });
    expect(within(within(added).getByLabelText("Candidat")).queryByRole("option", { name: /Candidat n° 16/ })).not.toBeInTheDocument();
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
