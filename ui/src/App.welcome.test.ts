// The app's first start, its « À propos » dialog, and the campaign file double-clicked while it is open.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import App from "./App.svelte";
import type { AppError, RequestedFile, Session } from "./lib/bindings";
import type { Backend } from "./lib/backend";
import { mockBackend, passphraseRequired, places, requestedSummary, summary } from "./test/mock-backend";

const welcomeTitle = "Bienvenue dans CESP\u00a0Commission";
const nameLabel = "Votre nom, tel qu'il sera inscrit au journal";
const aboutTitle = "À propos de CESP\u00a0Commission";

function session(data: Partial<Session> = {}) {
  return vi.fn(() =>
    Promise.resolve({
      status: "ok" as const,
      data: { operator: null, campaign: null, recent: [], startup_error: null, version: "0.1.0", first_run: false, requested_file: null, ...data },
    }),
  );
}
const failure = (error: AppError) => vi.fn(() => Promise.resolve({ status: "error" as const, error }));

/** The app on `backend`, with a way to double-click a campaign file while it runs. */
async function start(backend: Backend) {
  let handler: ((f: RequestedFile) => void) | undefined;
  backend.events.onFileRequested = vi.fn((h: (f: RequestedFile) => void) => {
    handler = h;
    return Promise.resolve(() => {});
  });
  render(App, { backend });
  await waitFor(() => expect(handler).toBeDefined());
  const request = (name = "Tours 2026-2027.cesp") => handler!({ name });
  return { request, user: userEvent.setup() };
}

describe("App: the first-run welcome", () => {
  it("shows at the first start, without the operator question over it", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true }) });
    await start(backend);
    expect(await screen.findByRole("heading", { name: welcomeTitle })).toBeInTheDocument();
    expect(await screen.findByText(places.backups)).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByRole("heading", { name: "Bienvenue" })).toBeNull();
  });

  it("does not show otherwise: the remembered name is used, or asked for", async () => {
    const remembered = mockBackend({ getSession: session({ operator: "Claire" }) });
    const { unmount } = render(App, { backend: remembered });
    expect(await screen.findByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: welcomeTitle })).toBeNull();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByText("Session de Claire")).toBeInTheDocument();
    unmount();

    render(App, { backend: mockBackend() });
    expect(await screen.findByRole("dialog", { name: "Qui êtes-vous\u00a0?" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: welcomeTitle })).toBeNull();
  });

  it("does not show when a campaign was opened at start", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true, operator: "Claire", campaign: summary }) });
    render(App, { backend });
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(summary.title);
    expect(screen.queryByRole("heading", { name: welcomeTitle })).toBeNull();
  });

  it("refuses a blank name at the field and runs nothing", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true }) });
    const { user } = await start(backend);
    await user.click(await screen.findByRole("button", { name: /^Essayer la démonstration/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Saisissez votre nom");
    expect(screen.getByLabelText(nameLabel)).toHaveAttribute("aria-invalid", "true");
    expect(backend.openDemo).not.toHaveBeenCalled();
    expect(screen.getByRole("heading", { name: welcomeTitle })).toBeInTheDocument();
    // The shortcuts would skip the name: they wait.
    await user.keyboard("{Control>}o{/Control}");
    expect(backend.openCampaign).not.toHaveBeenCalled();
  });

  it("« Essayer la démonstration » remembers the name, then opens the demo", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true }) });
    const { user } = await start(backend);
    await user.type(await screen.findByLabelText(nameLabel), "Claire Dumont");
    await user.click(screen.getByRole("button", { name: /^Essayer la démonstration/ }));
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(summary.title);
    expect(backend.welcomeDone).toHaveBeenCalledWith("Claire Dumont");
    expect(vi.mocked(backend.welcomeDone).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(backend.openDemo).mock.invocationCallOrder[0]!,
    );
    // The name is known: nobody asks it again.
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(backend.setOperator).not.toHaveBeenCalled();
  });

  it("« Ouvrir une campagne… » remembers the name, then asks for the file", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true }) });
    const { user } = await start(backend);
    await user.type(await screen.findByLabelText(nameLabel), "Claire Dumont");
    await user.click(screen.getByRole("button", { name: /^Ouvrir une campagne/ }));
    await waitFor(() => expect(backend.openCampaign).toHaveBeenCalledOnce());
    expect(backend.welcomeDone).toHaveBeenCalledWith("Claire Dumont");
    // The file dialog was cancelled: the home screen, with the name.
    expect(await screen.findByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
    expect(screen.getByText("Session de Claire Dumont")).toBeInTheDocument();
  });

  it("« Nouvelle campagne » remembers the name, then shows the new campaign's form", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true }) });
    const { user } = await start(backend);
    await user.type(await screen.findByLabelText(nameLabel), "Claire Dumont");
    await user.click(screen.getByRole("button", { name: /^Nouvelle campagne(?! à partir)/ }));
    expect(await screen.findByRole("button", { name: "Créer et enregistrer…" })).toBeInTheDocument();
    expect(backend.welcomeDone).toHaveBeenCalledWith("Claire Dumont");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("« Revoir l'accueil » shows it again, with the name, and « Retour » leaves it", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire" }) });
    const { user } = await start(backend);
    await user.click(await screen.findByRole("button", { name: "Revoir l'accueil" }));
    expect(screen.getByRole("heading", { name: welcomeTitle })).toHaveFocus();
    expect(screen.getByLabelText(nameLabel)).toHaveValue("Claire");
    await user.click(screen.getByRole("button", { name: "Retour" }));
    expect(screen.getByRole("heading", { name: "Bienvenue" })).toBeInTheDocument();
    expect(backend.welcomeDone).not.toHaveBeenCalled();

    await user.click(screen.getByRole("button", { name: "Revoir l'accueil" }));
    await user.click(screen.getByRole("button", { name: /^Essayer la démonstration/ }));
    expect(await screen.findByTestId("campaign-title")).toBeInTheDocument();
    expect(backend.welcomeDone).toHaveBeenCalledWith("Claire");
  });
});

describe("App: « À propos »", () => {
  it("opens from the home screen's header and with F1, not over another dialog", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire" }) });
    const { user } = await start(backend);
    await user.click(await screen.findByRole("button", { name: "À propos" }));
    const dialog = await screen.findByRole("dialog", { name: aboutTitle });
    expect(await within(dialog).findByText("Version 0.1.0")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: "À propos" })).toHaveFocus();

    await user.keyboard("{F1}");
    expect(await screen.findByRole("dialog", { name: aboutTitle })).toBeInTheDocument();
    await user.keyboard("{Escape}");

    await user.click(screen.getByRole("button", { name: "Changer" }));
    expect(screen.getByRole("dialog", { name: "Qui êtes-vous\u00a0?" })).toBeInTheDocument();
    await user.keyboard("{F1}");
    expect(backend.about).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole("dialog", { name: aboutTitle })).toBeNull();
  });

  it("opens from the campaign's header and with F1 in a campaign", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire", campaign: summary }) });
    const { user } = await start(backend);
    await screen.findByTestId("campaign-title");
    await user.keyboard("{F1}");
    expect(await screen.findByRole("dialog", { name: aboutTitle })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    await user.click(screen.getByRole("button", { name: "À propos" }));
    const dialog = await screen.findByRole("dialog", { name: aboutTitle });
    await user.click(await within(dialog).findByRole("button", { name: "Ouvrir le dossier des sauvegardes" }));
    expect(backend.openBackupsFolder).toHaveBeenCalledOnce();
  });
});

describe("App: a campaign file double-clicked while the app is open", () => {
  it("opens it at once when nothing is unsaved", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire", campaign: summary }) });
    const { request } = await start(backend);
    await screen.findByTestId("campaign-title");
    request();
    await waitFor(() => expect(screen.getByTestId("campaign-title")).toHaveTextContent(requestedSummary.title));
    expect(backend.openRequested).toHaveBeenCalledOnce();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("opens it from the home screen", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire" }) });
    const { request } = await start(backend);
    await screen.findByRole("heading", { name: "Bienvenue" });
    request();
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(requestedSummary.title);
  });

  it("asks first over unsaved edits; « Rester ici » keeps them and lets the file go", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire", campaign: summary }) });
    const { request, user } = await start(backend);
    await user.click(await screen.findByRole("button", { name: "Paramètres" }));
    await user.type(screen.getByLabelText(/^Ville de la commission/), " Nord");
    request();
    const dialog = await screen.findByRole("dialog", { name: "Ouvrir «\u00a0Tours 2026-2027.cesp\u00a0»\u00a0?" });
    expect(dialog).toHaveTextContent("Les modifications non enregistrées de la campagne ouverte seront perdues.");
    expect(within(dialog).getByRole("button", { name: "Rester ici" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Rester ici" }));
    expect(backend.forgetRequested).toHaveBeenCalledOnce();
    expect(backend.openRequested).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByLabelText(/^Ville de la commission/)).toHaveValue("Amiens Nord");
    expect(screen.getByTestId("campaign-title")).toHaveTextContent(summary.title);
  });

  it("« Ouvrir sans enregistrer » opens it on a fresh campaign screen", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire", campaign: summary }) });
    const { request, user } = await start(backend);
    await user.click(await screen.findByRole("button", { name: "Paramètres" }));
    await user.type(screen.getByLabelText(/^Ville de la commission/), " Nord");
    request();
    await user.click(await screen.findByRole("button", { name: "Ouvrir sans enregistrer" }));
    await waitFor(() => expect(screen.getByTestId("campaign-title")).toHaveTextContent(requestedSummary.title));
    expect(backend.openRequested).toHaveBeenCalledOnce();
    expect(backend.forgetRequested).not.toHaveBeenCalled();
    // Nothing of the last campaign's screen is left: its dashboard, no pending edit.
    expect(screen.getByRole("button", { name: "Tableau de bord" })).toHaveAttribute("aria-current", "page");
    request("Lille.cesp");
    await waitFor(() => expect(backend.openRequested).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks too over a new campaign's form being filled in", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire" }) });
    const { request, user } = await start(backend);
    await user.click(await screen.findByRole("button", { name: /^Nouvelle campagne(?! à partir)/ }));
    await user.type(screen.getByLabelText(/^Nom de l'UFR/), "UFR de médecine");
    request();
    const dialog = await screen.findByRole("dialog", { name: "Ouvrir «\u00a0Tours 2026-2027.cesp\u00a0»\u00a0?" });
    expect(dialog).toHaveTextContent("en cours de saisie");
    await user.keyboard("{Escape}");
    expect(backend.forgetRequested).toHaveBeenCalledOnce();
    expect(screen.getByLabelText(/^Nom de l'UFR/)).toHaveValue("UFR de médecine");
  });

  it("shows why it did not open, in the campaign still open", async () => {
    const problem = {
      code: "newer_version",
      message: "« Tours 2026-2027.cesp » a été enregistré par une version plus récente de CESP Commission : mettez l'application à jour.",
      details: [],
    };
    const backend = mockBackend({ getSession: session({ operator: "Claire", campaign: summary }), openRequested: failure(problem) });
    const { request } = await start(backend);
    await screen.findByTestId("campaign-title");
    request();
    expect(await screen.findByRole("alert")).toHaveTextContent("version plus récente");
    expect(screen.getByTestId("campaign-title")).toHaveTextContent(summary.title);
  });

  it("shows why it did not open, on the home screen", async () => {
    const problem = { code: "not_a_campaign", message: "« notes.cesp » n'est pas une campagne CESP.", details: [] };
    const backend = mockBackend({ getSession: session({ operator: "Claire" }), openRequested: failure(problem) });
    const { request } = await start(backend);
    await screen.findByRole("heading", { name: "Bienvenue" });
    request("notes.cesp");
    expect(await screen.findByRole("alert")).toHaveTextContent("n'est pas une campagne CESP");
  });

  it("asks the passphrase of an encrypted one", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire", campaign: summary }), openRequested: failure(passphraseRequired) });
    const { request } = await start(backend);
    await screen.findByTestId("campaign-title");
    request();
    const dialog = await screen.findByRole("dialog", { name: "Campagne chiffrée" });
    expect(dialog).toHaveTextContent(passphraseRequired.message);
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("steps the welcome aside without marking it seen", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true, operator: "Claire" }) });
    const { request } = await start(backend);
    await screen.findByRole("heading", { name: welcomeTitle });
    request();
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(requestedSummary.title);
    expect(backend.welcomeDone).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks the name after the welcome stepped aside when none is known", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true }) });
    const { request } = await start(backend);
    await screen.findByRole("heading", { name: welcomeTitle });
    request();
    expect(await screen.findByRole("dialog", { name: "Qui êtes-vous\u00a0?" })).toBeInTheDocument();
    expect(backend.welcomeDone).not.toHaveBeenCalled();
  });

  it("opens the file the system handed over before the window listened (macOS, at start-up)", async () => {
    const backend = mockBackend({
      getSession: session({ operator: "Claire", requested_file: { name: "Tours 2026-2027.cesp" } }),
    });
    await start(backend);
    expect(await screen.findByTestId("campaign-title")).toHaveTextContent(requestedSummary.title);
    expect(backend.openRequested).toHaveBeenCalledOnce();
  });
});

describe("App: the window's title", () => {
  it("names the screen and the open campaign, and the home screen once it is closed", async () => {
    const backend = mockBackend({ getSession: session({ operator: "Claire", campaign: summary }) });
    const { request } = await start(backend);
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith(`Tableau de bord — ${summary.title}`));
    expect(document.title).toBe(`Tableau de bord — ${summary.title} — CESP Commission`);
    await (await screen.findByRole("button", { name: "Candidats" })).click();
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith(`Candidats — ${summary.title}`));
    request();
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith(`Tableau de bord — ${requestedSummary.title}`));
    await (await screen.findByRole("button", { name: "Fermer la campagne" })).click();
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith("Accueil"));
    expect(document.title).toBe("Accueil — CESP Commission");
  });

  it("names the screen without a campaign too: the welcome, the home screen, a new campaign's form", async () => {
    const backend = mockBackend({ getSession: session({ first_run: true }) });
    const { user } = await start(backend);
    await screen.findByRole("heading", { name: welcomeTitle });
    // The native title is core's « … — CESP Commission » (set_window_title); the document's
    // is the same, read by screen readers.
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith("Bienvenue"));
    expect(document.title).toBe("Bienvenue — CESP Commission");

    await user.type(screen.getByLabelText(nameLabel), "Claire Dumont");
    await user.click(screen.getByRole("button", { name: /^Nouvelle campagne(?! à partir)/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Nouvelle campagne" })).toBeInTheDocument();
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith("Nouvelle campagne"));
    expect(document.title).toBe("Nouvelle campagne — CESP Commission");

    await user.click(screen.getByRole("button", { name: "Annuler" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Bienvenue" })).toBeInTheDocument();
    await waitFor(() => expect(backend.setWindowTitle).toHaveBeenLastCalledWith("Accueil"));
    expect(document.title).toBe("Accueil — CESP Commission");
  });
});
