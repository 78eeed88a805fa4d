import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CampaignForm from "./CampaignForm.svelte";
import type { AppError } from "../bindings";
import { mockBackend, settings } from "../../test/mock-backend";

const refused = (error: AppError) => Promise.resolve({ status: "error" as const, error });

describe("CampaignForm", () => {
  it("sends the contingents as typed and shows core's refusal at the field", async () => {
    const onsave = vi.fn(() => Promise.resolve(null));
    const message =
      "« Contingent Internes, médecine » : « 1,5 » n'est pas un nombre entier ; saisissez un nombre entier positif ou 0.";
    const backend = mockBackend({
      readSettings: vi.fn(() =>
        refused({ code: "validation", message, details: [{ field: "quotas.intern.medicine", message }] }),
      ),
    });
    render(CampaignForm, { backend, mode: "edit", initial: settings, onsave });
    const user = userEvent.setup();
    const quota = screen.getByLabelText("Contingent Internes, médecine");
    await user.clear(quota);
    await user.type(quota, "1,5");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(onsave).not.toHaveBeenCalled();
    expect(vi.mocked(backend.readSettings).mock.lastCall![1].intern.medicine).toBe("1,5");
    expect(screen.getByRole("alert")).toHaveTextContent("« 1,5 » n'est pas un nombre entier");
    expect(quota).toHaveAttribute("aria-invalid", "true");
  });

  it("sends whole numbers and shows core's message at the right field", async () => {
    const onsave = vi.fn(() =>
      Promise.resolve({
        code: "validation",
        message: "« Année universitaire » : « 2026/27 » n'est pas valide.",
        details: [{ field: "academic_year", message: "« Année universitaire » : « 2026/27 » n'est pas valide." }],
      }),
    );
    render(CampaignForm, { backend: mockBackend(), mode: "edit", initial: settings, onsave });
    const user = userEvent.setup();
    const quota = screen.getByLabelText("Contingent Étudiants, odontologie");
    await user.clear(quota);
    await user.type(quota, "3");
    const year = screen.getByLabelText(/^Année universitaire/);
    await user.clear(year);
    await user.type(year, "2026/27");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(onsave).toHaveBeenCalledOnce();
    const sent = (onsave.mock.calls[0] as unknown as [typeof settings])[0];
    expect(sent.quotas.student.odontology).toBe(3);
    expect(sent.academic_year).toBe("2026/27");
    expect(year).toHaveAttribute("aria-invalid", "true");
    expect(document.getElementById("academic_year-error")).toHaveTextContent("2026/27");
  });

  it("asks before discarding what was typed", async () => {
    const oncancel = vi.fn();
    render(CampaignForm, { backend: mockBackend(), mode: "new", initial: settings, onsave: vi.fn(), oncancel });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Ville de la commission"), " cedex");
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(oncancel).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog", { name: "Abandonner la saisie\u00a0?" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Abandonner" }));
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it("reports every problem core found in one go, and the total core counted", async () => {
    const onsave = vi.fn();
    const quotaMessage =
      "Le contingent « Internes — médecine » ne peut pas être négatif (-3) : saisissez un nombre entier positif ou 0.";
    const yearMessage = "« Année universitaire » : « 2026 » n'est pas valide.";
    const backend = mockBackend({
      readSettings: vi.fn(() =>
        refused({
          code: "validation",
          message: `2 points sont à corriger : ${quotaMessage} ${yearMessage}`,
          details: [
            { field: "quotas.intern.medicine", message: quotaMessage },
            { field: "academic_year", message: yearMessage },
          ],
        }),
      ),
      quotasTotal: vi.fn(() => Promise.resolve({ status: "ok" as const, data: "14" })),
    });
    render(CampaignForm, { backend, mode: "edit", initial: settings, onsave });
    const user = userEvent.setup();
    const quota = screen.getByLabelText("Contingent Internes, médecine");
    await user.clear(quota);
    await user.type(quota, "-3");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(onsave).not.toHaveBeenCalled();
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("2 points sont à corriger");
    expect(alert).toHaveTextContent("ne peut pas être négatif (-3)");
    expect(alert).toHaveTextContent("« 2026 » n'est pas valide");
    expect(quota).toHaveAttribute("aria-describedby", "quota-intern-medicine-error");
    // The total is core's, counted from what was typed.
    expect(vi.mocked(backend.quotasTotal).mock.lastCall![0].intern.medicine).toBe("-3");
    expect(screen.getByText("14")).toBeInTheDocument();
  });

  it("sends a passphrase for a new campaign only when its file is to be encrypted", async () => {
    const onsave = vi.fn((_s: unknown, _p: unknown) => Promise.resolve(null));
    render(CampaignForm, { backend: mockBackend(), mode: "new", initial: settings, onsave });
    // The deadline goes back as the form shows it, for core to read.
    const typed = { ...settings, dossier_deadline: "01/12/2026" };
    const user = userEvent.setup();
    const group = screen.getByRole("group", { name: "Protection du fichier" });
    const box = screen.getByRole("checkbox", { name: "Chiffrer le fichier avec une phrase de passe" });
    expect(box).not.toBeChecked();
    expect(screen.queryByLabelText(/^Phrase de passe/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Créer et enregistrer…" }));
    expect(onsave).toHaveBeenLastCalledWith(typed, null);

    await user.click(box);
    const phrase = screen.getByLabelText(/^Phrase de passe/);
    expect(group).toContainElement(phrase);
    expect(phrase).toHaveAttribute("type", "password");
    expect(phrase).toHaveAccessibleDescription(/Sans cette phrase, personne — ni vous, ni l'assistance — ne pourra ouvrir le fichier/);
    await user.type(phrase, "cèdre lumière vingt falaises");
    await user.type(screen.getByLabelText(/^Confirmez la phrase de passe/), "cèdre lumière vingt falaise");
    await user.click(screen.getByRole("button", { name: "Créer et enregistrer…" }));
    expect(onsave).toHaveBeenLastCalledWith(typed, {
      passphrase: "cèdre lumière vingt falaises",
      confirmation: "cèdre lumière vingt falaise",
    });

    // Unchecked again: nothing typed is sent (nor kept).
    await user.click(box);
    expect(screen.queryByLabelText(/^Phrase de passe/)).toBeNull();
    await user.click(screen.getByRole("button", { name: "Créer et enregistrer…" }));
    expect(onsave).toHaveBeenLastCalledWith(typed, null);
    await user.click(box);
    expect(screen.getByLabelText(/^Phrase de passe/)).toHaveValue("");
  });

  it("shows core's message about the passphrase's confirmation at its field", async () => {
    const message = "Les deux saisies de la phrase de passe diffèrent : retapez-la à l'identique.";
    const onsave = vi.fn(() =>
      Promise.resolve({ code: "validation", message, details: [{ field: "confirmation", message }] }),
    );
    render(CampaignForm, { backend: mockBackend(), mode: "new", initial: settings, onsave });
    const user = userEvent.setup();
    await user.click(screen.getByRole("checkbox", { name: "Chiffrer le fichier avec une phrase de passe" }));
    await user.type(screen.getByLabelText(/^Phrase de passe/), "cèdre lumière vingt falaises");
    const confirmation = screen.getByLabelText(/^Confirmez la phrase de passe/);
    await user.type(confirmation, "autre chose encore");
    await user.click(screen.getByRole("button", { name: "Créer et enregistrer…" }));
    expect(onsave).toHaveBeenCalledOnce();
    expect(screen.getByRole("alert")).toHaveTextContent(message);
    expect(confirmation).toHaveAttribute("aria-invalid", "true");
    expect(confirmation).toHaveAccessibleDescription(message);
    expect(screen.getByLabelText(/^Phrase de passe/)).not.toHaveAttribute("aria-invalid");
    await vi.waitFor(() => expect(confirmation).toHaveFocus());
  });

  it("has no passphrase in the settings of an open campaign", () => {
    render(CampaignForm, { backend: mockBackend(), mode: "edit", initial: settings, onsave: vi.fn() });
    expect(screen.queryByRole("group", { name: "Protection du fichier" })).toBeNull();
    expect(screen.queryByRole("checkbox", { name: /Chiffrer/ })).toBeNull();
  });

  it("shows the deadline as JJ/MM/AAAA and sends what was typed for core to read", async () => {
    const onsave = vi.fn(() => Promise.resolve(null));
    render(CampaignForm, { backend: mockBackend(), mode: "edit", initial: settings, onsave });
    const deadline = screen.getByLabelText(/^Date limite de dépôt des dossiers/);
    expect(settings.dossier_deadline).toBe("2026-12-01");
    expect(deadline).toHaveValue("01/12/2026");
    expect(deadline).toHaveAttribute("placeholder", "01/12/2026");
    const user = userEvent.setup();
    await user.clear(deadline);
    await user.type(deadline, "15/1/27");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(onsave).toHaveBeenCalledOnce();
    expect((onsave.mock.calls[0] as unknown as [typeof settings])[0].dossier_deadline).toBe("15/1/27");
  });

  it("shows the total core counts as the contracts are typed", async () => {
    render(CampaignForm, { backend: mockBackend(), mode: "edit", initial: settings, onsave: vi.fn() });
    // 10 + 2 + 8 + 1 + 1 + 0, counted by (the test double of) core.
    expect(await screen.findByText("22")).toBeInTheDocument();
    // A status message read whole, the keyboard staying in the field typed.
    const total = screen.getByRole("status");
    expect(total).toHaveAttribute("aria-atomic", "true");
    expect(total.textContent).toBe("Total\u00a0: 22");
  });
});
