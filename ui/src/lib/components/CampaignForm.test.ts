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

  it("totals the contracts as they are typed", async () => {
    render(CampaignForm, { mode: "edit", initial: settings, onsave: vi.fn() });
    // 10 + 2 + 8 + 1 + 1 + 0
    expect(screen.getByText("22")).toBeInTheDocument();
  });
});
