import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import { mockBackend, summary } from "./test/mock-backend";

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
    expect(screen.getByText("60")).toBeInTheDocument();
    expect(screen.getByText("mardi 1er décembre 2026")).toBeInTheDocument();
  });

  it("shows a French error where the user acted, and stays on the home screen", async () => {
    const backend = mockBackend({
      getSession: () =>
        Promise.resolve({
          status: "ok" as const,
          data: { operator: "Claire", campaign: null, recent: [], startup_error: null, version: "0.1.0" },
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
          },
        }),
    });
    render(App, { backend });
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Ouvrir « UFR d'Amiens — 2026-2027 »" }));
    expect(backend.openRecent).toHaveBeenCalledWith("/home/claire/Amiens 2026.cesp");
    await screen.findByTestId("campaign-title");
    await user.keyboard("{Control>}w{/Control}");
    expect(await screen.findByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
    expect(backend.closeCampaign).toHaveBeenCalledOnce();
  });
});
