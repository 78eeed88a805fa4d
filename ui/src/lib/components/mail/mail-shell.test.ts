// E-mail in the campaign's screens: where each batch is sent from, the « Courriels » list
// in the navigation, the settings beside the campaign's, and the way from a refused batch
// to them.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import CampaignShell from "../CampaignShell.svelte";
import { mockBackend, summary } from "../../../test/mock-backend";
import { scheduleReads } from "../../../test/mock-schedule";
import { unreachable } from "../../../test/mock-mail";
import type { Backend } from "../../backend";

const fail = <E>(error: E) => Promise.resolve({ status: "error" as const, error });

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend({ ...scheduleReads(), ...overrides });
  const onnotice = vi.fn();
  const onclose = vi.fn();
  render(CampaignShell, { backend, summary, onclose, onnotice });
  return { backend, onnotice, onclose, user: userEvent.setup() };
}

const nav = () => screen.getByRole("navigation", { name: "Sections de la campagne" });
const go = (user: ReturnType<typeof userEvent.setup>, name: string) => user.click(within(nav()).getByRole("button", { name }));

describe("E-mail in the campaign", () => {
  it("lists the messages in « Courriels », after « Journal »", async () => {
    const { backend, user } = setup();
    const items = within(nav()).getAllByRole("button").map((b) => b.textContent?.trim());
    expect(items.slice(items.indexOf("Journal"), items.indexOf("Journal") + 3)).toEqual(["Journal", "Courriels", "Sauvegardes"]);
    await go(user, "Courriels");
    expect(screen.getByRole("heading", { level: 1, name: "Courriels" })).toBeInTheDocument();
    expect(await screen.findByRole("table")).toBeInTheDocument();
    expect(backend.mails).toHaveBeenCalledWith(null);
  });

  it("sends each kind of letter from where it is printed", async () => {
    const { user } = setup();
    await go(user, "Entretiens");
    const documents = await screen.findByRole("group", { name: "Documents" });
    expect(within(documents).getByRole("button", { name: "Envoyer par courriel… (convocations)" })).toBeInTheDocument();

    await go(user, "Dossiers");
    const letters = await screen.findByRole("region", { name: "Courriers" });
    expect(within(letters).getByRole("button", { name: "Envoyer par courriel… (lettres de pièces manquantes)" })).toBeInTheDocument();
    await user.click(within(letters).getByRole("button", { name: "Envoyer par courriel… (accusés de réception)" }));
    expect(screen.getByRole("dialog", { name: "Envoyer les accusés de réception par courriel" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();

    await go(user, "Attribution");
    expect(await screen.findByRole("button", { name: "Envoyer par courriel… (lettres de décision)" })).toBeInTheDocument();
  });

  it("goes from a batch the server refused to the e-mail settings", async () => {
    const { user } = setup({ mailSend: vi.fn(() => fail(unreachable)) });
    await go(user, "Entretiens");
    await user.click(await screen.findByRole("button", { name: "Envoyer par courriel… (convocations)" }));
    await user.click(await screen.findByRole("button", { name: "Envoyer les 3 courriels" }));
    await user.click(await screen.findByRole("button", { name: "Régler l'envoi des courriels" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(within(nav()).getByRole("button", { name: "Paramètres" })).toHaveAttribute("aria-current", "page");
    const title = screen.getByRole("heading", { name: "Envoi des courriels" });
    await waitFor(() => expect(title).toHaveFocus());
    expect(await screen.findByLabelText("Serveur")).toHaveValue("smtp.univ-demo.fr");
  });

  it("keeps the section while a dialog is open: Alt+digit does not leave a batch being sent", async () => {
    const { onclose, user } = setup({ mailSend: vi.fn(() => new Promise<never>(() => {})) });
    await go(user, "Entretiens");
    await user.click(await screen.findByRole("button", { name: "Envoyer par courriel… (convocations)" }));
    await user.click(await screen.findByRole("button", { name: "Envoyer les 3 courriels" }));
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
    await user.keyboard("{Alt>}1{/Alt}");
    await user.keyboard("{Control>}w{/Control}");
    expect(within(nav()).getByRole("button", { name: "Entretiens" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
    expect(onclose).not.toHaveBeenCalled();
  });

  it("puts the e-mail settings beside the campaign's, and asks before leaving them unsaved", async () => {
    const { user } = setup();
    await go(user, "Paramètres");
    expect(screen.getByRole("heading", { name: "Paramètres de la campagne" })).toBeInTheDocument();
    const port = await screen.findByLabelText("Port");
    await user.clear(port);
    await user.type(port, "465");
    await go(user, "Journal");
    const dialog = screen.getByRole("dialog", { name: "Modifications non enregistrées" });
    await user.click(within(dialog).getByRole("button", { name: "Rester et enregistrer" }));
    expect(screen.getByLabelText("Port")).toHaveValue("465");
    await go(user, "Journal");
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Quitter sans enregistrer" }));
    expect(screen.getByRole("heading", { level: 1, name: "Journal des modifications" })).toBeInTheDocument();
  });
});
