import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import type { AppError } from "./lib/bindings";
import { mockBackend, passphraseRequired, secret, summary } from "./test/mock-backend";

const amiens = {
  path: "/home/claire/Amiens 2026.cesp",
  title: "UFR d'Amiens — 2026-2027",
  opened_at: "2026-11-20T09:00:00Z",
  opened_display: "20/11/2026 à 10 h 00",
  exists: true,
};

/** A session with an operator, the Amiens campaign among the recent ones, and `startup_error`. */
function session(startup_error: AppError | null = null) {
  return () =>
    Promise.resolve({
      status: "ok" as const,
      data: { operator: "Claire", campaign: null, recent: [amiens], startup_error, version: "0.1.0", first_run: false, requested_file: null },
    });
}
const needsPassphrase = () => Promise.resolve({ status: "error" as const, error: passphraseRequired });

describe("App", () => {
  it("asks the operator's name once, then opens the demo campaign", async () => {
    const backend = mockBackend();
    render(App, { backend });
    const user = userEvent.setup();
    const name = await screen.findByLabelText("Votre nom et votre fonction");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Saisissez votre nom.");
    await user.type(name, "Claire Dumont, secrétaire");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    expect(backend.setOperator).toHaveBeenLastCalledWith("Claire Dumont, secrétaire");
    expect(screen.getByText("Session de Claire Dumont, secrétaire")).toBeInTheDocument();
    expect(
      screen.getByText("Aucune campagne récente : créez une nouvelle campagne ou ouvrez un fichier existant."),
    ).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: /campagne de démonstration/ }));
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(summary.title);
    // The candidates' tile (the bilan's « Ensemble » row counts them too).
    expect(screen.getByText("60", { selector: ".value" })).toBeInTheDocument();
    expect(screen.getByText("mardi 1er décembre 2026")).toBeInTheDocument();
  });

  it("shows a French error where the user acted, and stays on the home screen", async () => {
    const backend = mockBackend({
      getSession: () =>
        Promise.resolve({
          status: "ok" as const,
          data: { operator: "Claire", campaign: null, recent: [], startup_error: null, version: "0.1.0", first_run: false, requested_file: null },
        }),
      openCampaign: () =>
        Promise.resolve({
          status: "error" as const,
          error: {
            code: "locked",
            message: "Le fichier « /mnt/usb/Amiens.cesp » est déjà ouvert dans une autre fenêtre de CESP Commission.",
            details: [],
          },
        }),
    });
    render(App, { backend });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: /Ouvrir une campagne/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("/mnt/usb/Amiens.cesp");
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
  });

  it("opens a recent campaign and offers Ctrl+W to close it", async () => {
    const backend = mockBackend({
      getSession: () =>
        Promise.resolve({
          status: "ok" as const,
          data: {
            operator: "Claire",
            campaign: null,
            recent: [
              {
                path: "/home/claire/Amiens 2026.cesp",
                title: "UFR d'Amiens — 2026-2027",
                opened_at: "2026-11-20T09:00:00Z",
                opened_display: "20/11/2026 à 10 h 00",
                exists: true,
              },
            ],
            startup_error: null,
            version: "0.1.0",
            first_run: false,
            requested_file: null,
          },
        }),
    });
    render(App, { backend });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "UFR d'Amiens — 2026-2027" }));
    expect(backend.openRecent).toHaveBeenCalledWith("/home/claire/Amiens 2026.cesp");
    await screen.findByTestId("campaign-title");
    await user.keyboard("{Control>}w{/Control}");
    expect(await screen.findByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
    expect(backend.closeCampaign).toHaveBeenCalledOnce();
  });

  it("asks the passphrase of an encrypted recent campaign, again after a wrong one, then opens it", async () => {
    const backend = mockBackend({ getSession: session(), openRecent: vi.fn(needsPassphrase) });
    render(App, { backend });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "UFR d'Amiens — 2026-2027" }));
    const dialog = await screen.findByRole("dialog", { name: "Campagne chiffrée" });
    expect(dialog).toHaveTextContent(passphraseRequired.message);
    const field = within(dialog).getByLabelText("Phrase de passe");
    expect(field).toHaveFocus();
    // The question is not an error.
    expect(screen.queryByRole("alert")).toBeNull();

    await user.keyboard("pas la bonne{Enter}");
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("vérifiez-la");
    expect(field).toHaveFocus();
    expect(screen.queryByTestId("campaign-title")).toBeNull();

    await user.keyboard(`${secret}{Enter}`);
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(summary.title);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByText("Chiffré")).toBeInTheDocument();
    expect(backend.unlockCampaign).toHaveBeenCalledTimes(2);
  });

  it("asks the passphrase of the file given at startup, and Annuler leaves the home screen without error", async () => {
    const backend = mockBackend({ getSession: session(passphraseRequired) });
    render(App, { backend });
    const user = userEvent.setup();
    const dialog = await screen.findByRole("dialog", { name: "Campagne chiffrée" });
    await user.click(within(dialog).getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
    expect(backend.unlockCampaign).not.toHaveBeenCalled();
  });

  it("closes the passphrase question on Escape, from the open dialog too", async () => {
    const backend = mockBackend({ getSession: session(), openCampaign: vi.fn(needsPassphrase) });
    render(App, { backend });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: /Ouvrir une campagne/ }));
    await screen.findByRole("dialog", { name: "Campagne chiffrée" });
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
  });

  it("never leaves the keyboard on the page's body: a cancelled opening, the demo opened, the campaign closed", async () => {
    // The file dialog stays open until the test answers it.
    let answer: (path: null) => void = () => {};
    const openCampaign = vi.fn(() => new Promise<{ status: "ok"; data: null }>((resolve) => (answer = (data) => resolve({ status: "ok", data }))));
    const backend = mockBackend({ getSession: session(), openCampaign });
    render(App, { backend });
    const user = userEvent.setup();
    // « Ouvrir une campagne… », the file dialog cancelled: back on the button.
    const open = (await screen.findByRole("button", { name: /Ouvrir une campagne/ })) as HTMLButtonElement;
    open.focus();
    await user.keyboard("{Enter}");
    expect(open).toBeDisabled();
    // What WebKit does to a focused button as it is disabled: blurs it, to the body.
    open.disabled = false;
    open.blur();
    open.disabled = true;
    expect(document.activeElement).toBe(document.body);
    answer(null);
    await waitFor(() => expect(open).toHaveFocus());
    expect(open).toHaveAttribute("data-focus-moved");
    // The demo opened: on the campaign's content (its pane, named after the section).
    screen.getByRole("button", { name: /campagne de démonstration/ }).focus();
    await user.keyboard("{Enter}");
    await screen.findByTestId("campaign-title");
    await waitFor(() => expect(document.getElementById("content")).toHaveFocus());
    // Closed with its button: on the home screen's heading.
    await user.click(screen.getByRole("button", { name: "Fermer la campagne" }));
    const home = await screen.findByRole("heading", { name: "Bienvenue" });
    await waitFor(() => expect(home).toHaveFocus());
  });

  it("creates an encrypted campaign with the passphrase typed twice", async () => {
    const backend = mockBackend({ getSession: session() });
    render(App, { backend });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: /^Nouvelle campagne(?! à partir)/ }));
    await user.type(screen.getByLabelText(/^Nom de l'UFR/), "UFR de médecine");
    await user.click(screen.getByRole("checkbox", { name: "Chiffrer le fichier avec une phrase de passe" }));
    await user.type(screen.getByLabelText(/^Phrase de passe/), secret);
    await user.type(screen.getByLabelText(/^Confirmez la phrase de passe/), secret);
    await user.click(screen.getByRole("button", { name: "Créer et enregistrer…" }));
    expect(backend.newCampaign).toHaveBeenCalledWith(expect.objectContaining({ ufr_name: "UFR de médecine" }), secret, secret);
    expect(await screen.findByTestId("campaign-title")).toBeInTheDocument();
    expect(screen.getByText("Chiffré")).toBeInTheDocument();
  });
});
