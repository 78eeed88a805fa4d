// « Réinitialiser la démonstration… » on the home screen: asked first (the demo's changes
// will be lost), then the demo is recreated and opened; a refusal is said where the user acted.
import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { mockBackend, summary } from "./test/mock-backend";

const title = "Réinitialiser la démonstration\u00a0?";

function session() {
  return vi.fn(() =>
    Promise.resolve({
      status: "ok" as const,
      data: { operator: "Claire", campaign: null, recent: [], startup_error: null, version: "0.1.0", first_run: false, requested_file: null },
    }),
  );
}

async function askReset(backend: ReturnType<typeof mockBackend>) {
  render(App, { backend });
  const user = userEvent.setup();
  await user.click(await screen.findByRole("button", { name: "Réinitialiser la démonstration…" }));
  const dialog = await screen.findByRole("dialog", { name: title });
  return { user, dialog };
}

describe("App: resetting the demo", () => {
  it("says the demo's changes will be lost, and keeping it changes nothing", async () => {
    const backend = mockBackend({ getSession: session() });
    const { user, dialog } = await askReset(backend);
    expect(dialog).toHaveTextContent("Les modifications que vous y avez faites (notes, listes, procès-verbal…) seront perdues.");
    expect(dialog).toHaveTextContent("Vos propres campagnes ne sont pas touchées.");
    const keep = within(dialog).getByRole("button", { name: "Garder la démonstration" });
    expect(keep).toHaveFocus();
    await user.click(keep);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(backend.resetDemo).not.toHaveBeenCalled();
    expect(backend.openDemo).not.toHaveBeenCalled();
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
  });

  it("recreates the demo once confirmed and opens it", async () => {
    const backend = mockBackend({ getSession: session() });
    const { user, dialog } = await askReset(backend);
    await user.click(within(dialog).getByRole("button", { name: "Réinitialiser" }));
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(summary.title);
    expect(backend.resetDemo).toHaveBeenCalledTimes(1);
    expect(backend.openDemo).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("shows why the demo could not be recreated, on the home screen", async () => {
    const message =
      "Le fichier « Campagne de démonstration.cesp » est déjà ouvert dans une autre fenêtre de CESP Commission.";
    const backend = mockBackend({
      getSession: session(),
      resetDemo: vi.fn(() => Promise.resolve({ status: "error" as const, error: { code: "locked", message, details: [] } })),
    });
    const { user, dialog } = await askReset(backend);
    await user.click(within(dialog).getByRole("button", { name: "Réinitialiser" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.queryByTestId("campaign-title")).toBeNull();
  });
});
