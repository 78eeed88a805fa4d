import { describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import Welcome from "./Welcome.svelte";
import { mockBackend, places } from "../../test/mock-backend";

const nameLabel = "Votre nom, tel qu'il sera inscrit au journal";

function setup(props: { initial?: string; onback?: () => void } = {}, overrides: Parameters<typeof mockBackend>[0] = {}) {
  const backend = mockBackend(overrides);
  const ondone = vi.fn();
  render(Welcome, { backend, ondone, ...props });
  return { backend, ondone, user: userEvent.setup() };
}

describe("Welcome", () => {
  it("says where things are kept on this machine and how to protect a laptop's file", async () => {
    setup();
    const title = screen.getByRole("heading", { level: 1, name: "Bienvenue dans CESP\u00a0Commission" });
    expect(title).toHaveFocus();
    expect(await screen.findByText(places.campaigns)).toBeInTheDocument();
    expect(screen.getByText(places.backups)).toBeInTheDocument();
    const kept = screen.getByRole("region", { name: "Où sont rangées vos données" });
    expect(kept).toHaveTextContent("les 20 dernières de chaque campagne");
    expect(kept).toHaveTextContent("Là où vous le choisissez, à chaque export.");
    const laptop = screen.getByRole("region", { name: "Un ordinateur portable qui quitte le bureau\u00a0?" });
    expect(laptop).toHaveTextContent("« Chiffrement du fichier »");
    expect(laptop).toHaveTextContent("« Protection du fichier »");
    expect(laptop).toHaveTextContent("12 caractères ou plus");
    // The first visit has no way back: one of the three choices is the way in.
    expect(screen.queryByRole("button", { name: "Retour" })).toBeNull();
  });

  it("refuses a blank name at the field, and runs nothing", async () => {
    const { backend, ondone, user } = setup();
    const field = screen.getByLabelText(nameLabel);
    expect(field).toHaveAccessibleDescription(/Par exemple/);
    await user.click(screen.getByRole("button", { name: /^Nouvelle campagne(?! à partir)/ }));
    expect(backend.welcomeDone).toHaveBeenCalledWith("");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Saisissez votre nom");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field.getAttribute("aria-describedby")).toContain(alert.id);
    expect(field).toHaveFocus();
    expect(ondone).not.toHaveBeenCalled();

    await user.type(field, "  Claire   Dumont, secrétaire ");
    await user.click(screen.getByRole("button", { name: /^Essayer la démonstration/ }));
    expect(ondone).toHaveBeenCalledWith("Claire Dumont, secrétaire", "demo");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(field).not.toHaveAttribute("aria-invalid");
  });

  it.each([
    [/^Nouvelle campagne(?! à partir)/, "new"],
    [/^Nouvelle campagne à partir d'une autre…$/, "carry"],
    [/^Ouvrir une campagne…/, "open"],
    [/^Essayer la démonstration/, "demo"],
  ])("remembers the name first, then hands %s over", async (button, choice) => {
    const { backend, ondone, user } = setup({ initial: "Claire" });
    expect(screen.getByLabelText(nameLabel)).toHaveValue("Claire");
    await user.click(screen.getByRole("button", { name: button }));
    expect(backend.welcomeDone).toHaveBeenCalledExactlyOnceWith("Claire");
    expect(ondone).toHaveBeenCalledExactlyOnceWith("Claire", choice);
  });

  it("shows any other failure at the field too", async () => {
    const { ondone, user } = setup(
      { initial: "Claire" },
      {
        welcomeDone: vi.fn(() =>
          Promise.resolve({
            status: "error" as const,
            error: { code: "io", message: "Les réglages n'ont pas pu être enregistrés dans « /home/claire/.config ».", details: [] },
          }),
        ),
      },
    );
    await user.click(screen.getByRole("button", { name: /^Ouvrir une campagne/ }));
    expect(await screen.findByRole("alert")).toHaveTextContent("n'ont pas pu être enregistrés");
    expect(ondone).not.toHaveBeenCalled();
  });

  it("offers a way back when asked for again", async () => {
    const onback = vi.fn();
    const { backend, user } = setup({ initial: "Claire", onback });
    const start = screen.getByRole("region", { name: "Pour commencer" });
    await user.click(within(start).getByRole("button", { name: "Retour" }));
    expect(onback).toHaveBeenCalledOnce();
    expect(backend.welcomeDone).not.toHaveBeenCalled();
  });
});
