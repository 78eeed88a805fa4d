import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CampaignForm from "./CampaignForm.svelte";
import { settings } from "../../test/mock-backend";

describe("CampaignForm", () => {
  it("refuses a quota that is not a whole number before asking core", async () => {
    const onsave = vi.fn(() => Promise.resolve(null));
    render(CampaignForm, { mode: "edit", initial: settings, onsave });
    const user = userEvent.setup();
    const quota = screen.getByLabelText("Contingent Internes, médecine");
    await user.clear(quota);
    await user.type(quota, "1,5");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(onsave).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent("« 1,5 » n'est pas valide");
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
    render(CampaignForm, { mode: "edit", initial: settings, onsave });
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
    render(CampaignForm, { mode: "new", initial: settings, onsave: vi.fn(), oncancel });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Ville de la commission"), " cedex");
    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(oncancel).not.toHaveBeenCalled();
    expect(screen.getByRole("dialog", { name: "Abandonner la saisie ?" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Abandonner" }));
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it("reports every problem in one go: its own checks and core's", async () => {
    const onsave = vi.fn();
    const validate = vi.fn(() =>
      Promise.resolve([
        { field: "quotas.intern.medicine", message: "doublon ignoré" },
        { field: "academic_year", message: "« Année universitaire » : « 2026 » n'est pas valide." },
      ]),
    );
    render(CampaignForm, { mode: "edit", initial: settings, onsave, validate });
    const user = userEvent.setup();
    const quota = screen.getByLabelText("Contingent Internes, médecine");
    await user.clear(quota);
    await user.type(quota, "-3");
    await user.click(screen.getByRole("button", { name: "Enregistrer les modifications" }));
    expect(onsave).not.toHaveBeenCalled();
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("2 points sont à corriger");
    expect(alert).toHaveTextContent("« -3 » n'est pas valide");
    expect(alert).toHaveTextContent("« 2026 » n'est pas valide");
    expect(alert).not.toHaveTextContent("doublon ignoré");
    expect(quota).toHaveAttribute("aria-describedby", "quota-intern-medicine-error");
    // 10 + 2 + 1 + 1 + 0: the invalid value does not count.
    expect(screen.getByText("14")).toBeInTheDocument();
  });

  it("sends a passphrase for a new campaign only when its file is to be encrypted", async () => {
    const onsave = vi.fn((_s: unknown, _p: unknown) => Promise.resolve(null));
    render(CampaignForm, { mode: "new", initial: settings, onsave });
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
    render(CampaignForm, { mode: "new", initial: settings, onsave });
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
    render(CampaignForm, { mode: "edit", initial: settings, onsave: vi.fn() });
    expect(screen.queryByRole("group", { name: "Protection du fichier" })).toBeNull();
    expect(screen.queryByRole("checkbox", { name: /Chiffrer/ })).toBeNull();
  });

  it("shows the deadline as JJ/MM/AAAA and sends what was typed for core to read", async () => {
    const onsave = vi.fn(() => Promise.resolve(null));
    render(CampaignForm, { mode: "edit", initial: settings, onsave });
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

  it("totals the contracts as they are typed", async () => {
    render(CampaignForm, { mode: "edit", initial: settings, onsave: vi.fn() });
    // 10 + 2 + 8 + 1 + 1 + 0
    expect(screen.getByText("22")).toBeInTheDocument();
  });
});
