import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import DossiersPanel from "./DossiersPanel.svelte";
import { mockBackend } from "../../../test/mock-backend";
import { complete, counts, failingWith, incomplete, nationalDossiers, notEligible, ribReceived, total } from "../../../test/mock-dossier";
import type { Backend } from "../../backend";
import { matches } from "../../text";

const okWith = <T>(data: T) => vi.fn(() => Promise.resolve({ status: "ok" as const, data }));

function setup(overrides: Partial<Backend> = {}) {
  const backend = mockBackend(overrides);
  const onnotice = vi.fn();
  let dirty = false;
  render(DossiersPanel, {
    props: {
      backend,
      onnotice,
      get dirty() {
        return dirty;
      },
      set dirty(v: boolean) {
        dirty = v;
      },
    },
  });
  return { backend, onnotice, isDirty: () => dirty, user: userEvent.setup() };
}

const listTable = () => screen.findByRole("table", { name: "Dossiers des candidats" });
const names = async () =>
  within(await listTable())
    .getAllByRole("row")
    .slice(1)
    .map((r) => within(r).getByRole("rowheader").textContent?.trim());

describe("DossiersPanel", () => {
  it("shows the counts per category and every dossier with its eligibility and first reason", async () => {
    setup();
    const table = await screen.findByRole("table", { name: "Dossiers par catégorie" });
    const rows = within(table).getAllByRole("row");
    expect(rows[1]).toHaveTextContent(/Étudiants — médecine\s*14\s*11\s*1\s*26/);
    expect(rows[2]).toHaveTextContent(/Internes — médecine\s*14\s*6\s*0\s*20/);
    expect(rows[3]).toHaveTextContent(/Toutes catégories\s*28\s*17\s*1\s*46/);

    const list = await listTable();
    const dupont = within(list).getByRole("row", { name: /DUPONT-MOREAU Marie-Ève/ });
    expect(dupont).toHaveTextContent("Étudiant — médecine");
    expect(dupont).toHaveTextContent("Complet");
    const lefevre = within(list).getByRole("row", { name: /LEFÈVRE Zoé/ });
    expect(lefevre).toHaveTextContent("Incomplet");
    expect(lefevre).toHaveTextContent("1 pièce manquante : Relevé d'identité bancaire (RIB)");
    const nguyen = within(list).getByRole("row", { name: /NGUYEN Lucas/ });
    expect(nguyen).toHaveTextContent("Non recevable");
    expect(nguyen).toHaveTextContent("Dossier reçu le 03/12/2026, après la date limite du 01/12/2026 (et 1 autre motif)");
    expect(screen.getByText("3 dossiers.")).toBeInTheDocument();
  });

  it("searches names without accents and filters by eligibility", async () => {
    const { user } = setup();
    await listTable();
    await user.type(screen.getByLabelText("Rechercher un nom"), "lefevre");
    expect(await names()).toEqual(["LEFÈVRE Zoé"]);
    expect(screen.getByText("1 sur 3 dossiers.")).toHaveAttribute("role", "status");
    await user.clear(screen.getByLabelText("Rechercher un nom"));
    await user.selectOptions(screen.getByLabelText("Recevabilité"), "Non recevable");
    expect(await names()).toEqual(["NGUYEN Lucas"]);
    await user.selectOptions(screen.getByLabelText("Recevabilité"), "Complet");
    expect(await names()).toEqual(["DUPONT-MOREAU Marie-Ève"]);
    await user.type(screen.getByLabelText("Rechercher un nom"), "zoe");
    expect(screen.getByText("Aucun dossier ne correspond à la recherche ou au filtre.")).toBeInTheDocument();
  });

  it("says what to do without any candidate", async () => {
    setup({ dossiers: okWith({ dossiers: [], counts: [], total: { complete: 0, incomplete: 0, not_eligible: 0, all: 0 } }) });
    expect(await screen.findByText(/^Aucun candidat : importez un fichier de candidats/)).toBeInTheDocument();
  });

  it("writes the missing pieces letters for a return date, and the receipts, saying where and how many", async () => {
    const { backend, onnotice, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Lettres de pièces manquantes…" }));
    // The return date core proposes, which the secretary may change.
    const dialog = screen.getByRole("dialog", { name: "Lettres de pièces manquantes" });
    const date = within(dialog).getByLabelText("Date limite de retour des pièces (JJ/MM/AAAA)");
    await waitFor(() => expect(date).toHaveValue("12/12/2026"));
    await user.clear(date);
    await user.type(date, "15/12/2026");
    await user.click(within(dialog).getByRole("button", { name: "Choisir le dossier et écrire…" }));
    expect(backend.lettersWrite).toHaveBeenCalledWith("missing_pieces", [], "15/12/2026");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(onnotice).toHaveBeenCalledWith(
      "2 lettres de pièces manquantes enregistrées dans «\u00a0/home/claire/Courriers\u00a0», avec un fichier qui les regroupe pour l'impression.",
    );
    await user.click(screen.getByRole("button", { name: "Accusés de réception…" }));
    expect(backend.lettersWrite).toHaveBeenLastCalledWith("receipt", [], "");
    expect(onnotice).toHaveBeenCalledTimes(2);
  });

  it("keeps the dialog open on a past return date, with core's message at the field", async () => {
    const refusal = {
      code: "validation",
      message: "Date à corriger",
      details: [{ field: "return_by", message: "« Date limite de retour » : le 01/12/2026 n'est pas après la date de la lettre (02/12/2026)." }],
    };
    const lettersWrite = vi.fn().mockResolvedValue({ status: "error", error: refusal });
    const { user } = setup({ lettersWrite });
    await user.click(await screen.findByRole("button", { name: "Lettres de pièces manquantes…" }));
    const dialog = screen.getByRole("dialog", { name: "Lettres de pièces manquantes" });
    const date = within(dialog).getByLabelText("Date limite de retour des pièces (JJ/MM/AAAA)");
    await user.clear(date);
    await user.type(date, "01/12/2026");
    await user.click(within(dialog).getByRole("button", { name: "Choisir le dossier et écrire…" }));
    expect(await within(dialog).findByText(/n'est pas après la date de la lettre/)).toBeInTheDocument();
    expect(date).toHaveAttribute("aria-invalid", "true");
    expect(date).toHaveFocus();
  });

  it("says nothing when the folder dialog is cancelled, and shows core's refusal", async () => {
    const lettersWrite = vi
      .fn()
      .mockResolvedValueOnce({ status: "ok", data: null })
      .mockResolvedValueOnce({
        status: "error",
        error: { code: "no_letter_to_print", message: "Aucun dossier incomplet : il n'y a pas de lettre de pièces manquantes à imprimer.", details: [] },
      });
    const { onnotice, user } = setup({ lettersWrite });
    const button = await screen.findByRole("button", { name: "Lettres de pièces manquantes…" });
    await user.click(button);
    const write = screen.getByRole("button", { name: "Choisir le dossier et écrire…" });
    await user.click(write);
    expect(onnotice).not.toHaveBeenCalled();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await user.click(write);
    expect(await screen.findByRole("alert")).toHaveTextContent("Aucun dossier incomplet");
  });

  it("opens a dossier from the list, shows its pieces, and Escape brings back to the name", async () => {
    const { user } = setup();
    const open = await screen.findByRole("button", { name: "Ouvrir le dossier de LEFÈVRE Zoé" });
    await user.click(open);
    const drawer = screen.getByRole("complementary", { name: "Dossier de LEFÈVRE Zoé" });
    expect(within(drawer).getByRole("heading", { name: "Dossier de LEFÈVRE Zoé" })).toHaveFocus();
    expect(within(drawer).getByRole("list", { name: "Motifs" })).toHaveTextContent("1 pièce manquante : Relevé d'identité bancaire (RIB)");
    expect(within(drawer).getByRole("region", { name: "Relevé d'identité bancaire (RIB)" })).toHaveTextContent("Manquante");
    expect(within(drawer).getByRole("region", { name: "Formulaire de candidature" })).toHaveTextContent("Reçue le 18/11/2026");
    expect(open).toHaveAttribute("aria-expanded", "true");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("complementary")).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });

  it("shows a piece's change in the list and the counts core recomputed", async () => {
    const newCounts = [{ ...counts[0]!, complete: 15, incomplete: 10 }, counts[1]!];
    const dossiers = vi
      .fn()
      .mockResolvedValueOnce({ status: "ok", data: { dossiers: [complete, incomplete, notEligible], counts, total } })
      .mockResolvedValue({
        status: "ok",
        data: { dossiers: [complete, ribReceived, notEligible], counts: newCounts, total: { ...total, complete: 29, incomplete: 16 } },
      });
    const { backend, onnotice, isDirty, user } = setup({ dossiers, dossier: okWith(incomplete), piecesSet: okWith(ribReceived) });
    await user.click(await screen.findByRole("button", { name: "Ouvrir le dossier de LEFÈVRE Zoé" }));
    // The list's rows come without their pieces: the dossier opened is asked for alone.
    expect(backend.dossier).toHaveBeenCalledWith(2);
    const rib = await screen.findByRole("region", { name: "Relevé d'identité bancaire (RIB)" });
    await user.selectOptions(within(rib).getByLabelText("Statut"), "received");
    expect(isDirty()).toBe(true);
    await user.click(screen.getByRole("button", { name: "Enregistrer les pièces (1)" }));
    expect(backend.piecesSet).toHaveBeenCalledWith(2, [{ piece: 6, update: { status: "received", received_on: "", reason: "" } }]);
    expect(onnotice).toHaveBeenCalledWith("Relevé d'identité bancaire (RIB)\u00a0: Reçue le 20/11/2026.");
    expect(isDirty()).toBe(false);
    const row = within(await listTable()).getByRole("row", { name: /LEFÈVRE Zoé/ });
    expect(row).toHaveTextContent("Complet");
    const countsTable = screen.getByRole("table", { name: "Dossiers par catégorie" });
    await vi.waitFor(() => expect(within(countsTable).getAllByRole("row")[1]).toHaveTextContent(/Étudiants — médecine\s*15\s*10\s*1/));
    // The totals are core's.
    expect(within(countsTable).getAllByRole("row").at(-1)).toHaveTextContent(/29\s*16\s*1\s*46/);
    expect(within(screen.getByRole("complementary")).getByRole("region", { name: "Recevabilité" })).toHaveTextContent("Complet");
  });

  it("asks before leaving a dossier whose piece status is typed and not saved", async () => {
    const { isDirty, user } = setup();
    await user.click(await screen.findByRole("button", { name: "Ouvrir le dossier de LEFÈVRE Zoé" }));
    const rib = screen.getByRole("region", { name: "Relevé d'identité bancaire (RIB)" });
    await user.selectOptions(within(rib).getByLabelText("Statut"), "not_required");
    await user.click(screen.getByRole("button", { name: "Ouvrir le dossier de NGUYEN Lucas" }));
    const dialog = screen.getByRole("dialog", { name: "Abandonner les modifications\u00a0?" });
    await user.click(within(dialog).getByRole("button", { name: "Revenir au dossier" }));
    expect(screen.getByRole("complementary", { name: "Dossier de LEFÈVRE Zoé" })).toBeInTheDocument();
    expect(isDirty()).toBe(true);
    await user.click(screen.getByRole("button", { name: "Ouvrir le dossier de NGUYEN Lucas" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Quitter sans enregistrer" }));
    expect(screen.getByRole("complementary", { name: "Dossier de NGUYEN Lucas" })).toBeInTheDocument();
    expect(isDirty()).toBe(false);
  });

  it("switches to the checklist, flags its unsaved changes for the shell, and reads the dossiers again once saved", async () => {
    const { backend, isDirty, user } = setup();
    await listTable();
    const checklist = screen.getByRole("button", { name: "Pièces demandées" });
    await user.click(checklist);
    expect(checklist).toHaveAttribute("aria-current", "true");
    expect(screen.queryByRole("table", { name: "Dossiers des candidats" })).not.toBeInTheDocument();
    const label = screen.getByRole("group", { name: "Pièce 1 — Formulaire de candidature" });
    await user.type(within(label).getByLabelText(/^Intitulé/), " signé");
    expect(isDirty()).toBe(true);
    expect(checklist).toHaveTextContent("Pièces demandées (non enregistrées)");
    // Back to the list and again: what was typed is still there.
    await user.click(screen.getByRole("button", { name: "Dossiers des candidats" }));
    await user.click(checklist);
    expect(within(label).getByLabelText(/^Intitulé/)).toHaveValue("Formulaire de candidature signé");
    expect(backend.dossiers).toHaveBeenCalledOnce();
    await user.click(screen.getByRole("button", { name: "Enregistrer la liste" }));
    expect(backend.piecesSave).toHaveBeenCalledOnce();
    expect(isDirty()).toBe(false);
    expect(backend.dossiers).toHaveBeenCalledTimes(2);
  });

  it("shows core's refusal to read the dossiers", async () => {
    setup({ dossiers: failingWith({ code: "no_campaign", message: "Aucune campagne ouverte.", details: [] }) });
    expect(await screen.findByRole("alert")).toHaveTextContent("Aucune campagne ouverte.");
  });
});

// A national campaign: the list is drawn 200 dossiers at a time. (Rows counted and
// buttons found without the accessibility tree's roles: 400 rows of them are slow to read.)
describe("DossiersPanel with thousands of dossiers", () => {
  const national = nationalDossiers(450);
  const big = (overrides: Partial<Backend> = {}) => setup({ dossiers: okWith({ dossiers: national, counts, total }), ...overrides });
  /** The names drawn in the list, in order. */
  const drawn = async () => [...(await listTable()).querySelectorAll("tbody th")].map((th) => th.textContent?.trim());
  /** The line under the list (not the status region saying it again). */
  const line = () => screen.queryByText(/ sur .* dossiers affichés$/, { ignore: "script, style, [role=status]" })?.textContent;
  const button = (name: string) => screen.getByText(name, { selector: "button" });
  const opener = (d: { display_name: string }) => screen.getByText(d.display_name, { selector: "button" });
  const filter = () => document.getElementById("dossier-filter")!;
  const search = () => document.getElementById("dossier-search")!;

  it("shows the first 200 dossiers, the next 200 on demand, then the last 50, the keyboard on the first of them", async () => {
    const { user } = big();
    expect(await drawn()).toEqual(national.slice(0, 200).map((d) => d.display_name));
    expect(line()).toBe("200 sur 450 dossiers affichés");
    const next = button("Afficher les 200 dossiers suivants");
    await user.click(next);
    expect(await drawn()).toHaveLength(400);
    expect(line()).toBe("400 sur 450 dossiers affichés");
    // Rows remain: the keyboard stays on the button, which now names the last ones.
    expect(next).toHaveTextContent("Afficher les 50 derniers dossiers");
    expect(next).toHaveFocus();
    await user.click(next);
    expect(await drawn()).toEqual(national.map((d) => d.display_name));
    expect(line()).toBeUndefined();
    expect(next).not.toBeInTheDocument();
    expect(screen.getByText("Les 450 dossiers sont tous affichés.")).toHaveAttribute("role", "status");
    expect(opener(national[400]!)).toHaveFocus();
    expect(opener(national[400]!)).toHaveAccessibleName(`Ouvrir le dossier de ${national[400]!.display_name}`);
  });

  it("counts a national list with its digits grouped", async () => {
    const bigCounts = [{ ...counts[0]!, complete: 6120, incomplete: 1480, not_eligible: 12 }, { ...counts[1]!, complete: 2388 }];
    const bigTotal = { complete: 8508, incomplete: 1486, not_eligible: 12, all: 10006 };
    setup({ dossiers: okWith({ dossiers: nationalDossiers(10000), counts: bigCounts, total: bigTotal }) });
    expect(await drawn()).toHaveLength(200);
    expect(line()).toBe("200 sur 10\u00a0000 dossiers affichés");
    const rows = within(screen.getByRole("table", { name: "Dossiers par catégorie" })).getAllByRole("row");
    expect(rows[1]).toHaveTextContent(/Étudiants — médecine\s*6 120\s*1 480\s*12\s*7 612/);
    expect(rows[3]).toHaveTextContent(/Toutes catégories\s*8 508\s*1 486\s*12\s*10 006/);
    expect(button("Afficher les 200 dossiers suivants")).toBeInTheDocument();
  });

  it("keeps the rows shown as a dossier is edited, and comes back to the first 200 with another filter or search", async () => {
    const zoe = national[302]!;
    expect(zoe.eligibility.status).toBe("incomplete");
    const received = { ...zoe, pieces: ribReceived.pieces, eligibility: ribReceived.eligibility };
    const { user } = big({ piecesSet: okWith(received) });
    await listTable();
    await user.click(button("Afficher les 200 dossiers suivants"));
    // A dossier past the first 200, edited: the list is not drawn again from its start.
    await user.click(opener(zoe));
    const drawer = within(document.querySelector("aside")!);
    expect(drawer.getByRole("heading", { level: 2 })).toHaveTextContent(`Dossier de ${zoe.display_name}`);
    const rib = drawer.getByRole("region", { name: "Relevé d'identité bancaire (RIB)" });
    await user.selectOptions(within(rib).getByLabelText("Statut"), "received");
    await user.click(drawer.getByRole("button", { name: "Enregistrer les pièces (1)" }));
    await vi.waitFor(() => expect(opener(zoe).closest("tr")).toHaveTextContent("Complet"));
    expect(await drawn()).toHaveLength(400);
    expect(line()).toBe("400 sur 450 dossiers affichés");
    await user.keyboard("{Escape}");

    // Another filter: its first 200.
    await user.selectOptions(filter(), "Complet");
    expect(await drawn()).toHaveLength(200);
    expect(line()).toBe("200 sur 301 dossiers affichés");
    await user.click(button("Afficher les 101 derniers dossiers"));
    expect(await drawn()).toHaveLength(301);
    // Back to every dossier: another list again, from its start.
    await user.selectOptions(filter(), "Tous les dossiers");
    expect(await drawn()).toHaveLength(200);
    expect(line()).toBe("200 sur 450 dossiers affichés");

    // A search: its first 200 too.
    await user.click(button("Afficher les 200 dossiers suivants"));
    expect(await drawn()).toHaveLength(400);
    const found = national.filter((d) => matches(d.display_name, "e")).length;
    await user.type(search(), "e");
    expect(await drawn()).toHaveLength(200);
    expect(line()).toBe(`200 sur ${found} dossiers affichés`);
    // Fewer than a page: no line, no button.
    await user.clear(search());
    await user.type(search(), "lefevre");
    expect(await drawn()).toHaveLength(15);
    expect(line()).toBeUndefined();
    expect(screen.queryByText(/^Afficher/, { selector: "button" })).toBeNull();
  });
});
