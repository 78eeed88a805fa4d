import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import RulesForm from "./RulesForm.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { failing, rules, rulesStatement } from "../../../test/mock-commission";

describe("RulesForm", () => {
  it("shows the rules in force and their sentence for the minutes", async () => {
    render(RulesForm, { backend: mockBackend(), onnotice: vi.fn() });
    expect(await screen.findByRole("radio", { name: "La moitié au moins des membres ayant voix délibérative" })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Majorité des membres présents ayant voix délibérative" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: /Voix prépondérante du président/ })).toBeChecked();
    expect(screen.getByRole("radio", { name: "Moyenne des notes des membres" })).toBeChecked();
    expect(screen.getByLabelText("Seuil de désaccord")).toHaveValue("20");
    expect(screen.getByText(rulesStatement)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Enregistrer les règles" })).toBeDisabled();
  });

  it("saves the typed rules through core, and announces it", async () => {
    const backend = mockBackend();
    const onnotice = vi.fn();
    const onsaved = vi.fn();
    render(RulesForm, { backend, onnotice, onsaved });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("radio", { name: "Un nombre fixe de membres ayant voix délibérative" }));
    const count = screen.getByLabelText("Nombre de membres votants présents requis");
    await user.clear(count);
    await user.type(count, "4");
    await user.click(screen.getByRole("radio", { name: /Médiane/ }));
    await user.click(screen.getByRole("checkbox", { name: /normalisation/ }));
    await user.click(screen.getByRole("radio", { name: /Notés par la commission sur le diplôme et l'expérience/ }));
    const threshold = screen.getByLabelText("Seuil de désaccord");
    await user.clear(threshold);
    await user.type(threshold, "15");
    expect(screen.getByText(/Modifications non enregistrées/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Enregistrer les règles" }));
    expect(backend.rulesUpdate).toHaveBeenCalledWith({
      ...rules,
      quorum: "count",
      quorum_count: "4",
      aggregation: "median",
      disagreement_percent: "15",
      normalise: true,
      padhue_academic: "commission",
    });
    expect(onnotice).toHaveBeenCalledWith("Règles de délibération enregistrées.");
    expect(onsaved).toHaveBeenCalledOnce();
    expect(screen.getByRole("button", { name: "Enregistrer les règles" })).toBeDisabled();
    expect(screen.queryByText(/Modifications non enregistrées/)).not.toBeInTheDocument();
  });

  it("shows core's message next to the field it is about", async () => {
    const message = "« Seuil de désaccord » : 0 % n'est pas possible ; indiquez un pourcentage entre 1 et 100.";
    const backend = mockBackend({
      rulesUpdate: failing({ code: "validation", message, details: [{ field: "disagreement_percent", message }] }),
    });
    const onnotice = vi.fn();
    render(RulesForm, { backend, onnotice });
    const user = userEvent.setup();
    const threshold = await screen.findByLabelText("Seuil de désaccord");
    await user.clear(threshold);
    await user.type(threshold, "0{Enter}");
    expect(backend.rulesUpdate).toHaveBeenCalledWith({ ...rules, quorum_count: String(rules.quorum_count), disagreement_percent: "0" });
    expect(threshold).toHaveAttribute("aria-invalid", "true");
    expect(threshold).toHaveAccessibleDescription(expect.stringContaining("indiquez un pourcentage entre 1 et 100"));
    expect(threshold).toHaveFocus();
    expect(onnotice).not.toHaveBeenCalled();
    // Nothing typed is lost: the change is still there, and can be undone.
    expect(threshold).toHaveValue("0");
    await user.click(screen.getByRole("button", { name: "Annuler les modifications" }));
    expect(threshold).toHaveValue("20");
  });

  it("sends a number it cannot read as typed, and shows core's refusal at the field", async () => {
    // Core's message (crates/core/src/forms.rs).
    const message = "« Seuil de désaccord » : « vingt » n'est pas un nombre entier ; saisissez des chiffres uniquement.";
    const backend = mockBackend({
      rulesUpdate: failing({ code: "validation", message, details: [{ field: "disagreement_percent", message }] }),
    });
    render(RulesForm, { backend, onnotice: vi.fn() });
    const user = userEvent.setup();
    const threshold = await screen.findByLabelText("Seuil de désaccord");
    await user.clear(threshold);
    await user.type(threshold, "vingt{Enter}");
    expect(backend.rulesUpdate).toHaveBeenCalledWith({ ...rules, quorum_count: String(rules.quorum_count), disagreement_percent: "vingt" });
    expect(threshold).toHaveAccessibleDescription(expect.stringContaining("« vingt » n'est pas un nombre entier"));
  });
});
