// The connected sitting in the window: opened from « Notation » for the sitting chosen,
// its panel (address, each member's QR code and code, the devices), the candidate on screen
// pushed to the phones, live updates from room-changed, and the séance view revealing the
// totals by itself once every member has scored from their phone.
import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import ScoringPanel from "../scoring/ScoringPanel.svelte";
import SeanceView from "../scoring/SeanceView.svelte";
import { candidate, mockBackend } from "../../../test/mock-backend";
import { board, ranking } from "../../../test/mock-scoring";
import { roomCommands, roomStatusFor } from "../../../test/mock-room";
import type { Backend } from "../../backend";
import type { RoomChanged } from "../../bindings";
import { fr } from "../../i18n/fr";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const people = [candidate(1, "DUPONT-MOREAU", "Marie-Ève"), candidate(2, "LEFÈVRE", "Zoé"), candidate(3, "MARTIN", "Paul")];

/** « Notation » on a backend whose room-changed events the test sends. */
function scoring(overrides: Partial<Backend> = {}) {
  let hear: ((c: RoomChanged) => void) | null = null;
  const backend = mockBackend({ candidates: vi.fn(() => ok(people)), ...overrides });
  backend.events.onRoomChanged = vi.fn((handler: (c: RoomChanged) => void) => {
    hear = handler;
    return Promise.resolve(() => {});
  });
  const onnotice = vi.fn();
  render(ScoringPanel, { backend, onnotice });
  const emit = (kind: RoomChanged["kind"], candidate_id: number | null = null, member_id: number | null = null) =>
    hear!({ kind, candidate_id, member_id });
  return { backend, onnotice, emit, user: userEvent.setup() };
}

/** The same, with the connected sitting already open for sitting 1. */
const opened = () => scoring(roomCommands(roomStatusFor(1, "192.168.1.23", 8765)));

describe("opening the connected sitting", () => {
  it("is offered beside the sitting, on the Wi-Fi address first, and shows the members' codes and devices once open", async () => {
    const { backend, onnotice, user } = scoring();
    await user.click(await screen.findByRole("button", { name: "Séance connectée…" }));
    const dialog = screen.getByRole("dialog", { name: "Ouvrir la séance connectée" });
    expect(dialog).toHaveAccessibleDescription(/note depuis son téléphone/);
    expect(within(dialog).getByText("Séance : jeudi 14 janvier 2027 — 9 h")).toBeInTheDocument();
    const wifi = await within(dialog).findByRole("radio", { name: /Wi-Fi \(wlp2s0\) — 192\.168\.1\.23/ });
    expect(wifi).toBeChecked();
    await waitFor(() => expect(wifi).toHaveFocus());
    expect(within(dialog).getByRole("radio", { name: /Cet ordinateur seulement \(lo\).*pour essayer la page/ })).not.toBeChecked();

    await user.click(within(dialog).getByRole("button", { name: "Ouvrir la séance connectée" }));
    expect(backend.roomOpen).toHaveBeenCalledWith(1, "192.168.1.23", null);
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(within(panel).getByRole("heading", { name: "Séance connectée" })).toHaveFocus());
    expect(onnotice).toHaveBeenCalledWith("Séance connectée ouverte à l'adresse http://192.168.1.23:8765/.");
    expect(within(panel).getAllByText("http://192.168.1.23:8765/").length).toBeGreaterThan(0);
    expect(within(panel).getByRole("img", { name: "QR\u00a0code d'appairage de Pr Jean-Marc LEFEBVRE" }).querySelector("svg")).not.toBeNull();
    expect(within(panel).getByText("K7QM 4TZP")).toBeInTheDocument();
    expect(within(panel).getByText("H3WX 9RCB")).toBeInTheDocument();
    expect(within(panel).getByText("1 appareil appairé")).toBeInTheDocument();
    expect(within(panel).getByText("Pas encore appairé")).toBeInTheDocument();
    const device = within(panel).getByRole("row", { name: /Pr Jean-Marc LEFEBVRE/ });
    expect(device).toHaveTextContent("Chrome sur Android");
    expect(device).toHaveTextContent("En ligne");
    // The sitting is the room's while it is open.
    expect(screen.getByLabelText("Séance")).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Séance connectée…" })).toBeNull();
  });

  it("checks the port, and shows the shell's refusal", async () => {
    const { backend, user } = scoring();
    await user.click(await screen.findByRole("button", { name: "Séance connectée…" }));
    const dialog = screen.getByRole("dialog", { name: "Ouvrir la séance connectée" });
    await user.click(await within(dialog).findByRole("radio", { name: /Ethernet/ }));
    const port = within(dialog).getByLabelText(/^Port/);
    await user.type(port, "80a");
    await user.click(within(dialog).getByRole("button", { name: "Ouvrir la séance connectée" }));
    expect(backend.roomOpen).not.toHaveBeenCalled();
    expect(port).toHaveAttribute("aria-invalid", "true");
    expect(port).toHaveAccessibleDescription(/un nombre entier de 1024 à 65535/);
    expect(port).toHaveFocus();

    await user.clear(port);
    await user.type(port, "8080");
    await user.click(within(dialog).getByRole("button", { name: "Ouvrir la séance connectée" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Le port 8080 est déjà utilisé sur cet ordinateur");

    await user.clear(port);
    await user.type(port, "9000{Enter}");
    expect(backend.roomOpen).toHaveBeenLastCalledWith(1, "10.12.0.7", 9000);
    expect(await screen.findByRole("region", { name: "Séance connectée" })).toHaveTextContent("http://10.12.0.7:9000/");
  });

  it("closes on Escape and gives the focus back to its button", async () => {
    const { user } = scoring();
    const button = await screen.findByRole("button", { name: "Séance connectée…" });
    await user.click(button);
    await screen.findByRole("radio", { name: /Wi-Fi/ });
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(button).toHaveFocus();
  });

  it("is not offered without a sitting", async () => {
    const { user } = scoring();
    await user.selectOptions(await screen.findByLabelText("Séance"), "Aucune séance (notes hors séance)");
    expect(screen.queryByRole("button", { name: "Séance connectée…" })).toBeNull();
  });
});

describe("while the connected sitting is open", () => {
  it("calls the candidate on screen first when « Candidat suivant » is pressed by member", async () => {
    const { backend, user } = opened();
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    await user.click(within(panel).getByRole("button", { name: "Candidat suivant" }));
    await waitFor(() => expect(backend.roomSelect).toHaveBeenCalledWith(1));
    await waitFor(() => expect(panel).toHaveTextContent(/Candidat en délibération\s*: DUPONT-MOREAU Marie-Ève/));
  });

  it("puts the candidate on screen on the members' phones, and « Candidat suivant » moves on", async () => {
    const { backend, user } = opened();
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    // By member, no candidate is pushed.
    expect(backend.roomSelect).not.toHaveBeenCalled();
    expect(panel).toHaveTextContent(/Candidat en délibération\s*: aucun/);
    await user.click(screen.getByRole("radio", { name: "Séance (projecteur)" }));
    await waitFor(() => expect(backend.roomSelect).toHaveBeenCalledWith(1));
    await waitFor(() => expect(panel).toHaveTextContent(/Candidat en délibération\s*: DUPONT-MOREAU Marie-Ève/));

    await user.click(within(panel).getByRole("button", { name: "Candidat suivant" }));
    await waitFor(() => expect(backend.roomSelect).toHaveBeenLastCalledWith(2));
    expect(screen.getByRole("heading", { name: "LEFÈVRE Zoé" })).toBeInTheDocument();
    // The last candidate of the sitting: nothing after.
    expect(within(panel).getByRole("button", { name: "Candidat suivant" })).toBeDisabled();
    await user.keyboard("{PageUp}");
    await waitFor(() => expect(backend.roomSelect).toHaveBeenLastCalledWith(1));
  });

  it("follows the candidate already under deliberation when coming back to « Notation »", async () => {
    const commands = roomCommands(roomStatusFor(1, "192.168.1.23", 8765));
    await commands.roomSelect(2);
    commands.roomSelect.mockClear();
    const { user } = scoring(commands);
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    await waitFor(() => expect(panel).toHaveTextContent(/Candidat en délibération\s*: LEFÈVRE Zoé/));
    await user.click(screen.getByRole("radio", { name: "Par candidat" }));
    expect(screen.getByLabelText("Candidat")).toHaveDisplayValue("LEFÈVRE Zoé — Étudiant — médecine");
    expect(commands.roomSelect).not.toHaveBeenCalled();
  });

  it("gives a member a new link and code", async () => {
    const { backend, onnotice, user } = opened();
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    await user.click(within(panel).getByRole("button", { name: "Nouveau lien et nouveau code pour Dr Sophie MARCHAND" }));
    expect(backend.roomRenew).toHaveBeenCalledWith(2);
    expect(await within(panel).findByText("N1EW CODE")).toBeInTheDocument();
    expect(within(panel).queryByText("H3WX 9RCB")).toBeNull();
    expect(onnotice).toHaveBeenCalledWith("Nouveau lien et nouveau code pour Dr Sophie MARCHAND\u00a0: les précédents ne servent plus.");
  });

  it("hides and shows the codes", async () => {
    const { user } = opened();
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    const toggle = within(panel).getByRole("button", { name: "Masquer les codes" });
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    await user.click(toggle);
    expect(within(panel).queryByText("K7QM 4TZP")).not.toBeVisible();
    expect(within(panel).getByRole("button", { name: "Afficher les codes" })).toHaveAttribute("aria-expanded", "false");
  });

  it("revokes a device after asking, then gives the focus to the list", async () => {
    const { backend, user } = opened();
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    await user.click(within(panel).getByRole("button", { name: "Révoquer l'appareil de Pr Jean-Marc LEFEBVRE (Chrome sur Android)" }));
    let dialog = screen.getByRole("dialog", { name: "Révoquer cet appareil\u00a0?" });
    expect(dialog).toHaveTextContent("L'appareil de Pr Jean-Marc LEFEBVRE (Chrome sur Android, appairé à 14 h 32) ne pourra plus envoyer de notes.");
    // The safe answer first, and focused.
    expect(within(dialog).getByRole("button", { name: "Garder l'appareil" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(backend.roomRevoke).not.toHaveBeenCalled();

    await user.click(within(panel).getByRole("button", { name: /Révoquer l'appareil de Pr Jean-Marc LEFEBVRE/ }));
    dialog = screen.getByRole("dialog", { name: "Révoquer cet appareil\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Révoquer" }));
    expect(backend.roomRevoke).toHaveBeenCalledWith("d-1");
    expect(await within(panel).findByText("Aucun appareil appairé pour l'instant.")).toBeInTheDocument();
    await waitFor(() => expect(within(panel).getByRole("heading", { name: /Appareils appairés/ })).toHaveFocus());
  });

  it("closes after asking, and the button to open it again takes the focus", async () => {
    const { backend, onnotice, user } = opened();
    const panel = await screen.findByRole("region", { name: "Séance connectée" });
    await user.click(within(panel).getByRole("button", { name: "Fermer la séance connectée…" }));
    const dialog = screen.getByRole("dialog", { name: "Fermer la séance connectée\u00a0?" });
    expect(dialog).toHaveTextContent("Les notes déjà reçues restent enregistrées.");
    await user.click(within(dialog).getByRole("button", { name: "Fermer la séance connectée" }));
    expect(backend.roomClose).toHaveBeenCalled();
    expect(screen.queryByRole("region", { name: "Séance connectée" })).toBeNull();
    await waitFor(() => expect(screen.getByRole("button", { name: "Séance connectée…" })).toHaveFocus());
    expect(onnotice).toHaveBeenCalledWith("Séance connectée fermée\u00a0: les notes reçues sont enregistrées.");
    expect(screen.getByLabelText("Séance")).toBeEnabled();
  });

  it("reads the scores again when a phone sends one, the devices when one comes or goes, and leaves when the room closes", async () => {
    const { backend, onnotice, emit } = opened();
    await screen.findByRole("region", { name: "Séance connectée" });
    const boards = vi.mocked(backend.scoreBoard).mock.calls.length;
    const rankings = vi.mocked(backend.ranking).mock.calls.length;
    emit("score", 1, 2);
    emit("score", 1, 1);
    await waitFor(() => expect(backend.scoreBoard).toHaveBeenCalledTimes(boards + 1));
    expect(backend.ranking).toHaveBeenCalledTimes(rankings + 1);

    const statuses = vi.mocked(backend.roomStatus).mock.calls.length;
    emit("device", null, 2);
    await waitFor(() => expect(backend.roomStatus).toHaveBeenCalledTimes(statuses + 1));

    emit("closed");
    await waitFor(() => expect(screen.queryByRole("region", { name: "Séance connectée" })).toBeNull());
    expect(onnotice).toHaveBeenCalledWith("Séance connectée fermée\u00a0: les notes reçues sont enregistrées.");
  });
});

describe("SeanceView, connected", () => {
  const row = ranking.groups[0]!.rows[0]!;
  const waiting = { ...row, members: row.members.map((m, i) => (i === 1 ? { ...m, scored: 1 } : m)) };

  it("shows the totals by itself once the last member has scored from their phone", async () => {
    const { rerender } = render(SeanceView, { candidate: people[0]!, result: waiting, board, live: true });
    expect(screen.getByText(/elles s'afficheront d'elles-mêmes/)).toBeInTheDocument();
    expect(screen.queryByText("18,57")).toBeNull();
    await rerender({ candidate: people[0]!, result: row, board, live: true });
    expect(screen.getByText("18,57")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Afficher les notes" })).toBeNull();
    // Masked again, they stay masked until the next candidate.
    await userEvent.setup().click(screen.getByRole("button", { name: "Masquer les notes" }));
    expect(screen.queryByText("18,57")).toBeNull();
    await rerender({ candidate: people[0]!, result: { ...row }, board, live: true });
    expect(screen.queryByText("18,57")).toBeNull();
  });

  it("keeps the button when the sitting is not connected", () => {
    render(SeanceView, { candidate: people[0]!, result: row, board });
    expect(screen.getByRole("button", { name: "Afficher les notes" })).toBeInTheDocument();
    expect(screen.queryByText("18,57")).toBeNull();
  });
});

describe("the connected sitting's counts", () => {
  it("agree with their number", () => {
    const p = fr.room.panel;
    expect(p.memberState(false, 0)).toBe("Pas encore appairé");
    expect(p.memberState(true, 1)).toBe("1 appareil appairé");
    expect(p.memberState(true, 2)).toBe("2 appareils appairés");
    const m = fr.room.member;
    expect(m.scored(0, 4)).toBe("0 critère noté sur 4");
    expect(m.scored(3, 4)).toBe("3 critères notés sur 4");
    expect(m.pendingCount(1)).toBe("1 note n'est pas encore arrivée au poste du secrétariat\u00a0: elle sera renvoyée dès que la connexion reviendra.");
    expect(m.pendingCount(2)).toBe("2 notes ne sont pas encore arrivées au poste du secrétariat\u00a0: elles seront renvoyées dès que la connexion reviendra.");
    expect(m.waitSeconds(1)).toBe("Nouvel essai possible dans 1 seconde.");
    expect(m.totalValue("", "40")).toBe("—\u00a0/ 40");
  });
});
