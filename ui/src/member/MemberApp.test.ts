// The member's page as a phone shows it: pairing by code, the desk, a value saved, a
// refusal at its field, the conflict's two choices, the states where the member may not
// score. And the HTML entry: the catalogue's title, no inline script (the hub's CSP).
/// <reference types="vite/client" />
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { fr } from "../lib/i18n/fr";
import MemberApp from "./MemberApp.svelte";
import { FakeHub, TOKEN } from "./fake-hub";
import { MemberSession } from "./session.svelte";
import html from "../../member.html?raw";

/** What Testing Library matches: its normalizer reads a no-break space as a space. */
const plain = (text: string) => text.replace(/\u00a0/g, " ");

let hub: FakeHub;
let session: MemberSession;

async function open(options: { paired?: boolean } = {}) {
  if (options.paired !== false)
    sessionStorage.setItem("cesp-room-token", JSON.stringify({ token: TOKEN, member_id: 1, member_name: "Pr Anne MARTIN" }));
  session = new MemberSession({ fetch: hub.fetch, storage: sessionStorage, retryMs: 50 });
  render(MemberApp, { session });
  await session.start("");
  return userEvent.setup();
}

beforeEach(() => {
  sessionStorage.clear();
  hub = new FakeHub();
});
afterEach(() => session?.stop());

describe("the member's page", () => {
  it("pairs with the code typed in lower case with a dash", async () => {
    const user = await open({ paired: false });
    expect(screen.getByRole("heading", { level: 1, name: "Appairer cet appareil" })).toBeInTheDocument();
    const code = screen.getByLabelText("Code d'appairage");
    await user.type(code, "abcd-efgh{Enter}");
    expect(await screen.findByRole("alert")).toHaveTextContent("n'est pas valable ou a déjà servi");
    expect(code).toHaveAttribute("aria-invalid", "true");
    expect(code).toHaveAccessibleDescription(/n'est pas valable ou a déjà servi/);

    await user.clear(code);
    await user.type(code, "k7qm-4tzp");
    await user.click(screen.getByRole("button", { name: "Appairer" }));
    expect(await screen.findByRole("heading", { level: 1, name: "DUPONT Camille" })).toBeInTheDocument();
    expect(hub.to("/api/pair").at(-1)!.body).toEqual({ code: "K7QM4TZP" });
  });

  it("shows who scores, the sitting, the candidate, each criterion with its guide, and the total", async () => {
    await open();
    expect(await screen.findByRole("heading", { level: 1, name: "DUPONT Camille" })).toBeInTheDocument();
    const banner = screen.getByRole("banner");
    expect(banner).toHaveTextContent("Pr Anne MARTIN");
    expect(banner).toHaveTextContent("Séance du jeudi 16 janvier 2025 à 14 h 30");
    expect(screen.getByRole("main")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Projet professionnel" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 2, name: "Entretien" })).toBeInTheDocument();
    const motivation = screen.getByLabelText("Motivation et engagement");
    expect(motivation).toHaveValue("4,5");
    expect(motivation).toHaveAttribute("inputmode", "decimal");
    expect(motivation).toHaveAccessibleDescription(/de 0 à 10, par pas de 0,5.*Note basse\s:\sProjet vague, peu réfléchi\./);
    expect(screen.getByText("12,5 / 40")).toBeInTheDocument();
    expect(screen.getByText("2 critères notés sur 4")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText("En direct")).toBeInTheDocument());
  });

  it("saves a value on Enter, says so, and moves on to the next criterion", async () => {
    const user = await open();
    const field = await screen.findByLabelText("Qualité de l'argumentation");
    await user.type(field, "7{Enter}");
    await waitFor(() => expect(document.getElementById("criterion-3-status")).toHaveTextContent("Enregistrée"));
    expect(document.getElementById("criterion-3-status")).toHaveAttribute("role", "status");
    expect(screen.getByLabelText("Connaissance du dispositif")).toHaveFocus();
    expect(screen.getByText("19,5 / 40")).toBeInTheDocument();
    expect(hub.written.map((w) => w.value)).toEqual(["7"]);
  });

  it("saves on leaving the field, and shows a write not sent until the hub answers", async () => {
    const user = await open();
    const field = await screen.findByLabelText("Qualité de l'argumentation");
    hub.down = true;
    await user.type(field, "7");
    await user.tab();
    await waitFor(() => expect(document.getElementById("criterion-3-status")).toHaveTextContent("Non envoyée — sera renvoyée"));
    expect(screen.getByText(/1 note n'est pas encore arrivée au poste du secrétariat/)).toBeInTheDocument();
    hub.down = false;
    await waitFor(() => expect(document.getElementById("criterion-3-status")).toHaveTextContent("Enregistrée"));
    expect(screen.queryByText(/pas encore arrivée/)).not.toBeInTheDocument();
  });

  it("shows a refused value at its field and keeps it", async () => {
    const user = await open();
    const field = await screen.findByLabelText("Qualité de l'argumentation");
    await user.type(field, "12{Enter}");
    const error = await screen.findByText("« 12 » n'est pas une note de 0 à 10 par pas de 0,5.");
    expect(error).toHaveAttribute("role", "alert");
    expect(field).toHaveValue("12");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(/n'est pas une note de 0 à 10/);
  });

  it("offers both values after a conflict and sends the member's again when asked", async () => {
    const user = await open();
    const field = await screen.findByLabelText("Qualité de l'argumentation");
    hub.store(3, "6");
    await user.type(field, "7{Enter}");
    const conflict = await screen.findByText("Le secrétariat a saisi 6 ; vous aviez saisi 7.");
    const box = within(conflict.parentElement!);
    expect(box.getByRole("button", { name: "Garder 6" })).toBeInTheDocument();
    await user.click(box.getByRole("button", { name: "Envoyer 7" }));
    await waitFor(() => expect(document.getElementById("criterion-3-status")).toHaveTextContent("Enregistrée"));
    expect(field).toHaveValue("7");
    expect(hub.written.map((w) => w.value)).toEqual(["7"]);
  });

  it("shows no total before the first score (core's « 0 » reads « — »)", async () => {
    for (const c of hub.desk.criteria) hub.store(c.id, "");
    expect(hub.desk.total).toBe("0");
    await open();
    await screen.findByRole("heading", { level: 1, name: "DUPONT Camille" });
    expect(screen.getByText(plain("—\u00a0/ 40"))).toBeInTheDocument();
    expect(screen.getByText("0 critère noté sur 4")).toBeInTheDocument();
  });

  it("waits for the candidate", async () => {
    hub.desk = { ...hub.desk, candidate: null, criteria: [], total: "", scored: 0 };
    await open();
    expect(await screen.findByRole("heading", { level: 1, name: "En attente du candidat…" })).toBeInTheDocument();
    expect(screen.queryByRole("textbox")).not.toBeInTheDocument();
  });

  it("announces the next candidate in a status message, not the first one", async () => {
    await open();
    await screen.findByRole("heading", { level: 1, name: "DUPONT Camille" });
    await waitFor(() => expect(screen.getByText("En direct")).toBeInTheDocument());
    const said = screen.getAllByRole("status").find((s) => s.classList.contains("visually-hidden"))!;
    expect(said).toHaveAttribute("aria-atomic", "true");
    expect(said.textContent).toBe("");

    hub.desk = { ...hub.desk, candidate: { id: 8, name: "MARTIN Léa", category_label: "Interne — médecine" } };
    hub.emit("desk", '{"revision": 1}');
    expect(await screen.findByRole("heading", { level: 1, name: "MARTIN Léa" })).toBeInTheDocument();
    expect(said.textContent).toBe("Candidat en délibération\u00a0: MARTIN Léa");

    // The same candidate read again (a score saved, the connection back): the region is not
    // touched, so nothing is said anew.
    const touched: MutationRecord[] = [];
    const watch = new MutationObserver((records) => touched.push(...records));
    watch.observe(said, { childList: true, characterData: true, subtree: true });
    const reads = hub.to("/api/desk").length;
    hub.emit("desk", '{"revision": 2}');
    await waitFor(() => expect(hub.to("/api/desk").length).toBeGreaterThan(reads));
    await new Promise((resolve) => setTimeout(resolve, 20));
    watch.disconnect();
    expect(touched).toEqual([]);

    hub.desk = { ...hub.desk, candidate: null, criteria: [], total: "", scored: 0 };
    hub.emit("desk", '{"revision": 3}');
    expect(await screen.findByRole("heading", { level: 1, name: "En attente du candidat…" })).toBeInTheDocument();
    expect(said).toHaveTextContent("En attente du candidat…");
  });

  it("shows why the member may not score, with the values read-only", async () => {
    hub.desk = { ...hub.desk, state: "recused", message: "Vous êtes déporté(e) pour DUPONT Camille : vous ne le notez pas." };
    await open();
    expect(await screen.findByText("Vous êtes déporté(e) pour DUPONT Camille : vous ne le notez pas.")).toBeInTheDocument();
    for (const field of screen.getAllByRole("textbox")) expect(field).toHaveAttribute("readonly");
  });

  it("asks for a code again when the device is revoked", async () => {
    await open();
    await screen.findByRole("heading", { level: 1, name: "DUPONT Camille" });
    hub.revoked = true;
    hub.emit("revoked");
    expect(await screen.findByText(plain(fr.room.member.unpaired))).toBeInTheDocument();
    expect(screen.getByLabelText("Code d'appairage")).toBeInTheDocument();
  });
});

describe("member.html", () => {
  it("is French, titled from the catalogue", () => {
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(`<title>${fr.room.member.title}</title>`);
  });

  it("has no inline script nor inline handler: the hub's CSP forbids them", () => {
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\bsrc=/);
      expect(m[2]!.trim()).toBe("");
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
