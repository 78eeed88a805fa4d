import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import MergePurge from "./MergePurge.svelte";
import { mockBackend, retention } from "../../../test/mock-backend";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });

describe("MergePurge", () => {
  it("shows what the copy brings and settles each conflict as chosen", async () => {
    const backend = mockBackend();
    const onnotice = vi.fn();
    const onchanged = vi.fn();
    render(MergePurge, { backend, onnotice, onchanged });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Fusionner une copie de la campagne…" }));
    const dialog = screen.getByRole("dialog", { name: "Fusion de «\u00a0copie du référent.cesp\u00a0»" });
    expect(dialog).toHaveTextContent("NGUYEN Thành (Étudiant — médecine) — 8 pièces, 1 fichier");
    expect(dialog).toHaveTextContent("DUPONT-MOREAU Marie-Ève — Curriculum vitae : Reçue le 17/11/2026");
    // The more recent value (the other copy's) is proposed; the secretary keeps hers.
    const take = within(dialog).getByRole("radio", { name: /Prendre «\u00a0Reçue le 19\/11\/2026\u00a0»/ });
    const keep = within(dialog).getByRole("radio", { name: /Garder «\u00a0Non conforme : RIB au nom d'un tiers\u00a0»/ });
    expect(take).toBeChecked();
    await user.click(keep);
    await user.click(within(dialog).getByRole("button", { name: "Fusionner" }));
    expect(backend.mergeApply).toHaveBeenCalledWith([{ key: "2:6", take_theirs: false }]);
    expect(onnotice).toHaveBeenCalledWith("Fusion enregistrée\u00a0: 1 candidat ajouté, 1 pièce ou fichier reçu, 1 conflit réglé.");
    expect(onchanged).toHaveBeenCalled();
  });

  it("refuses to purge before the end of the retention period and says until when", async () => {
    render(MergePurge, { backend: mockBackend(), onnotice: vi.fn(), onchanged: vi.fn() });
    const button = await screen.findByRole("button", { name: "Exporter puis purger…" });
    expect(button).toBeDisabled();
    expect(screen.getByText("Purge possible à partir du jeudi 31 août 2028.")).toBeInTheDocument();
    expect(screen.getByText("OKAFOR Chidi")).toBeInTheDocument();
  });

  it("purges after confirmation once allowed", async () => {
    const backend = mockBackend({ retention: vi.fn(() => ok({ ...retention, purge_allowed: true })) });
    const onnotice = vi.fn();
    render(MergePurge, { backend, onnotice, onchanged: vi.fn() });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Exporter puis purger…" }));
    const dialog = screen.getByRole("dialog", { name: "Purger les données personnelles\u00a0?" });
    expect(backend.purge).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole("button", { name: "Exporter puis purger" }));
    expect(backend.purge).toHaveBeenCalled();
    expect(onnotice).toHaveBeenCalledWith(
      "Purge faite\u00a0: 1 candidat et 2 fichiers joints effacés, après export dans «\u00a0Candidats non retenus — données purgées.xlsx\u00a0».",
    );
  });

  it("shows core's message when the retention period is refused", async () => {
    const backend = mockBackend({
      retentionSet: vi.fn(() =>
        Promise.resolve({
          status: "error" as const,
          error: {
            code: "validation",
            message: "« Durée de conservation » : 200 mois n'est pas possible ; indiquez un nombre de mois entre 0 et 120.",
            details: [{ field: "months", message: "« Durée de conservation » : 200 mois n'est pas possible ; indiquez un nombre de mois entre 0 et 120." }],
          },
        }),
      ),
    });
    render(MergePurge, { backend, onnotice: vi.fn(), onchanged: vi.fn() });
    const user = userEvent.setup();
    const input = await screen.findByLabelText("Durée de conservation après la fin de la campagne (en mois)");
    await user.clear(input);
    await user.type(input, "200{Enter}");
    expect(backend.retentionSet).toHaveBeenCalledWith("200");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(/200 mois n'est pas possible/)).toBeInTheDocument();
  });

  it("sends the months as typed and shows core's refusal of what it cannot read", async () => {
    // Core's message (crates/core/src/forms.rs).
    const message = "« Durée de conservation » : « un an » n'est pas un nombre entier de mois ; indiquez par exemple 12.";
    const backend = mockBackend({
      retentionSet: vi.fn(() => Promise.resolve({ status: "error" as const, error: { code: "validation", message, details: [{ field: "months", message }] } })),
    });
    render(MergePurge, { backend, onnotice: vi.fn(), onchanged: vi.fn() });
    const user = userEvent.setup();
    const input = await screen.findByLabelText("Durée de conservation après la fin de la campagne (en mois)");
    await user.clear(input);
    await user.type(input, "un an{Enter}");
    expect(backend.retentionSet).toHaveBeenCalledWith("un an");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(message)).toBeInTheDocument();
  });
});
