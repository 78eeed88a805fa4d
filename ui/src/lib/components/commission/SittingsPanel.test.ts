import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import SittingsPanel from "./SittingsPanel.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { failing, members, nationalSittings, sittings, sittingsQuorumLost } from "../../../test/mock-commission";
import type { Backend } from "../../backend";

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend(overrides);
  const onreload = vi.fn(() => Promise.resolve());
  const onnotice = vi.fn();
  render(SittingsPanel, { backend, members, sittings, onreload, onnotice });
  return { backend, onreload, onnotice, user: userEvent.setup() };
}

const presence = (name: string) => screen.getByRole("group", { name: `Présence de ${name}` });

describe("SittingsPanel", () => {
  it("draws the sittings a page of rows at a time, and keeps them as attendance is recorded", async () => {
    const all = nationalSittings(100);
    const recorded = all.map((x) => (x.id === 50 ? { ...x, attendance: sittingsQuorumLost[0]!.attendance } : x));
    const backend = mockBackend({ attendanceSet: vi.fn(() => Promise.resolve({ status: "ok" as const, data: recorded })) });
    const { container } = render(SittingsPanel, { backend, members, sittings: all, onreload: vi.fn(() => Promise.resolve()), onnotice: vi.fn() });
    const user = userEvent.setup();
    const drawn = () => container.querySelectorAll("article").length;
    const line = () => screen.queryByText(/ sur .* séances affichées$/, { ignore: "script, style, [role=status]" })?.textContent;
    // A sitting takes 6 rows (itself, its sheet's header, 4 members): 33 in 200.
    expect(drawn()).toBe(33);
    expect(line()).toBe("33 sur 100 séances affichées");
    await user.click(screen.getByText("Afficher les 33 séances suivantes", { selector: "button" }));
    expect(drawn()).toBe(66);
    expect(line()).toBe("66 sur 100 séances affichées");
    await user.click(container.querySelector<HTMLInputElement>('input[name="presence-50-2"][value="absent"]')!);
    expect(backend.attendanceSet).toHaveBeenCalledWith(50, 2, "absent");
    await vi.waitFor(() => expect(container.querySelector('input[name="presence-50-2"][value="absent"]')).toBeChecked());
    expect(drawn()).toBe(66);
    await user.click(screen.getByText("Afficher les 33 séances suivantes", { selector: "button" }));
    await user.click(screen.getByText("Afficher la dernière séance", { selector: "button" }));
    expect(drawn()).toBe(100);
    expect(line()).toBeUndefined();
    // The keyboard on the last sitting's first button.
    const last = document.activeElement!;
    expect(last.closest("article")).toHaveAccessibleName(`Séance du ${all[99]!.date_display} à 9 h`);
    expect(last).toHaveTextContent("Modifier");
  });

  it("lists each sitting with its attendance sheet and quorum", () => {
    setup();
    expect(screen.getByRole("heading", { name: "Séance du jeudi 14 janvier 2027 à 9 h" })).toBeInTheDocument();
    expect(screen.getByText(/Salle du conseil, UFR de médecine, Amiens — 2 candidats entendus/)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Quorum atteint : 2 membres votants présents sur 3 (2 requis).");
    expect(within(presence("Dr Sophie MARCHAND")).getByRole("radio", { name: "Présent(e)" })).toBeChecked();
    expect(within(presence("Dr Karim BELKACEM")).getByRole("radio", { name: "Excusé(e)" })).toBeChecked();
    const table = screen.getByRole("table", { name: "Présences à la séance du jeudi 14 janvier 2027" });
    expect(within(table).getByRole("row", { name: /Mme Claire DUMONT/ })).toHaveTextContent(
      "sans voix délibérative, ne compte pas pour le quorum",
    );
  });

  it("records a change of attendance at once and shows the quorum core recomputed", async () => {
    const { backend, user } = setup({
      attendanceSet: vi.fn(() => Promise.resolve({ status: "ok" as const, data: sittingsQuorumLost })),
    });
    // The quorum is a live region that stays on the page: its new words are heard.
    const before = screen.getByRole("status");
    await user.click(within(presence("Dr Sophie MARCHAND")).getByRole("radio", { name: "Absent(e)" }));
    expect(backend.attendanceSet).toHaveBeenCalledWith(1, 2, "absent");
    const quorum = screen.getByRole("status");
    expect(quorum).toBe(before);
    expect(quorum).toHaveTextContent("Quorum non atteint : 1 membre votant présent sur 3 (2 requis).");
    expect(within(presence("Dr Sophie MARCHAND")).getByRole("radio", { name: "Absent(e)" })).toBeChecked();
  });

  it("clears an attendance with « Non renseigné »", async () => {
    const { backend, user } = setup();
    await user.click(within(presence("Dr Karim BELKACEM")).getByRole("radio", { name: "Non renseigné" }));
    expect(backend.attendanceSet).toHaveBeenCalledWith(1, 3, null);
  });

  it("shows core's refusal and puts back what is recorded", async () => {
    const message =
      "Pr Jean-Marc LEFEBVRE a déjà noté des candidats entendus lors de cette séance : il ou elle ne peut pas y être marqué(e) absent(e).";
    const { user } = setup({ attendanceSet: failing({ code: "attendance_has_scores", message, details: [] }) });
    const group = presence("Pr Jean-Marc LEFEBVRE");
    await user.click(within(group).getByRole("radio", { name: "Absent(e)" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(within(group).getByRole("radio", { name: "Présent(e)" })).toBeChecked();
    expect(within(group).getByRole("radio", { name: "Absent(e)" })).not.toBeChecked();
  });

  it("adds a sitting, with core's message at the date it cannot read", async () => {
    const message = "« Date » : « 31/02/2027 » n'est pas une date ; écrivez-la JJ/MM/AAAA (par exemple 14/01/2027).";
    const sittingAdd = vi
      .fn()
      .mockResolvedValueOnce({ status: "error", error: { code: "validation", message, details: [{ field: "date", message }] } })
      .mockResolvedValueOnce({ status: "ok", data: 1 });
    const { onreload, onnotice, user } = setup({ sittingAdd });
    await user.click(screen.getByRole("button", { name: "Ajouter une séance" }));
    const dialog = screen.getByRole("dialog", { name: "Ajouter une séance" });
    const date = within(dialog).getByLabelText(/^Date/);
    await user.type(date, "31/02/2027");
    await user.type(within(dialog).getByLabelText(/^Heure de début/), "9 h");
    await user.type(within(dialog).getByLabelText(/^Lieu/), "Salle du conseil{Enter}");
    expect(sittingAdd).toHaveBeenCalledWith({ date: "31/02/2027", start_time: "9 h", place: "Salle du conseil" });
    expect(date).toHaveAttribute("aria-invalid", "true");
    expect(date).toHaveAccessibleDescription(expect.stringContaining("n'est pas une date"));
    expect(date).toHaveFocus();
    await user.clear(date);
    await user.type(date, "14/01/2027{Enter}");
    expect(sittingAdd).toHaveBeenLastCalledWith({ date: "14/01/2027", start_time: "9 h", place: "Salle du conseil" });
    expect(onreload).toHaveBeenCalledOnce();
    expect(onnotice).toHaveBeenCalledWith("Séance du jeudi 14 janvier 2027 ajoutée.");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });

  it("edits a sitting with its date as the user writes it", async () => {
    const { backend, user } = setup();
    await user.click(screen.getByRole("button", { name: "Modifier la séance du jeudi 14 janvier 2027" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByLabelText(/^Date/)).toHaveValue("14/01/2027");
    const place = within(dialog).getByLabelText(/^Lieu/);
    await user.clear(place);
    await user.type(place, "Amphithéâtre B");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    expect(backend.sittingUpdate).toHaveBeenCalledWith(1, { date: "14/01/2027", start_time: "09:00", place: "Amphithéâtre B" });
  });

  it("asks before removing a sitting, and shows core's refusal", async () => {
    const message =
      "2 candidats ont été entendus lors de la séance du 14/01/2027 : elle ne peut pas être supprimée. Rattachez d'abord ces candidats à une autre séance.";
    const { backend, user } = setup({ sittingRemove: failing({ code: "sitting_has_hearings", message, details: [] }) });
    await user.click(screen.getByRole("button", { name: "Supprimer la séance du jeudi 14 janvier 2027" }));
    const dialog = screen.getByRole("dialog", { name: "Supprimer cette séance\u00a0?" });
    expect(backend.sittingRemove).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Supprimer" }));
    expect(backend.sittingRemove).toHaveBeenCalledWith(1);
    expect(await screen.findByRole("alert")).toHaveTextContent("elle ne peut pas être supprimée");
  });

  it("says what to do without any sitting", () => {
    render(SittingsPanel, { backend: mockBackend(), members, sittings: [], onreload: vi.fn(), onnotice: vi.fn() });
    expect(screen.getByText(/Aucune séance : ajoutez la date et le lieu/)).toBeInTheDocument();
  });
});
