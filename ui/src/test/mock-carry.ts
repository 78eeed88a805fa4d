// « Nouvelle campagne à partir d'une autre… » as core answers it: last year's demo file
// (commission, grid, checklist, allocation rules, two days of interviews, no e-mail
// server), and a double of core's checks of the new campaign (the year, interviews without
// the commission, each day's new date).
import { vi } from "vitest";
import type { AppError, CampaignSettings, CampaignSummary, CarryChoice, CarryPick, CarrySource } from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

export const carryPick: CarryPick = { file_name: "Campagne 2026-2027.cesp", encrypted: false };

/** What the 2026-2027 file offers; its settings moved to 2027-2028 by core. */
export function carrySourceOf(settings: CampaignSettings): CarrySource {
  return {
    file_name: "Campagne 2026-2027.cesp",
    campaign: `${settings.ufr_name} — 2026-2027`,
    settings: { ...settings, academic_year: "2027-2028", dossier_deadline: "2027-12-01" },
    parts: [
      {
        part: "commission",
        label: "La commission et ses règles",
        detail: "7 membres, dont 2 membres avec une image de signature ; quorum, majorité et voix prépondérante",
        available: true,
      },
      {
        part: "grid",
        label: "La grille de notation",
        detail: "3 blocs, 7 critères avec leurs barèmes, coefficients et descripteurs",
        available: true,
      },
      { part: "checklist", label: "La liste des pièces du dossier", detail: "11 pièces", available: true },
      {
        part: "allocation",
        label: "Les règles d'attribution et de départage",
        detail: "seuil, conditions, taille de la liste complémentaire, ordre de départage",
        available: true,
      },
      {
        part: "interviews",
        label: "L'organisation des entretiens",
        detail: "durées, 2 jurys, 2 journées à reporter sur la nouvelle année",
        available: true,
      },
      { part: "mail", label: "Les paramètres de courriel", detail: "aucun serveur configuré", available: false },
    ],
    days: [
      {
        was: "26/11/2026",
        was_display: "jeudi 26 novembre 2026",
        proposed: "25/11/2027",
        proposed_display: "jeudi 25 novembre 2027",
        problem: null,
      },
      {
        was: "27/11/2026",
        was_display: "vendredi 27 novembre 2026",
        proposed: "26/11/2027",
        proposed_display: "vendredi 26 novembre 2027",
        problem: null,
      },
    ],
    fingerprint: "9f2c6a41d07be3a5c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3",
  };
}

/** A day whose date 52 weeks later is a public holiday (core's warning at its row). */
export const armisticeDay = {
  was: "12/11/2026",
  was_display: "jeudi 12 novembre 2026",
  proposed: "11/11/2027",
  proposed_display: "jeudi 11 novembre 2027",
  problem: "Le jeudi 11 novembre 2027 est un jour férié (Armistice 1918) : choisissez un autre jour.",
};

/** The fixed public holidays core knows (Easter's are left out of this double). */
const holidays: Record<string, string> = {
  "01/01": "jour de l'An",
  "01/05": "fête du Travail",
  "08/05": "Victoire 1945",
  "14/07": "fête nationale",
  "15/08": "Assomption",
  "01/11": "Toussaint",
  "11/11": "Armistice 1918",
  "25/12": "Noël",
};

const long = (d: Date) =>
  d.toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** Core's checks of the new dates (carry::new_days), each problem at `days.N`. */
function dayIssues(source: CarrySource, wanted: string[], year: string): { field: string; message: string }[] {
  const first = Number(year.slice(0, 4));
  const start = Date.UTC(first, 8, 1);
  const end = Date.UTC(first + 1, 7, 31);
  const seen = new Set<number>();
  const issues: { field: string; message: string }[] = [];
  wanted.forEach((text, i) => {
    const field = `days.${i}`;
    const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
    if (!m) {
      issues.push({
        field,
        message: `« ${text} » n'est pas une date (journée du ${source.days[i]?.was_display ?? "?"}) : écrivez-la JJ/MM/AAAA.`,
      });
      return;
    }
    const t = Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
    const d = new Date(t);
    if (t < start || t > end)
      issues.push({
        field,
        message: `Le ${long(d)} n'est pas dans l'année universitaire ${year} : choisissez une date entre le ${long(new Date(start))} et le ${long(new Date(end))}.`,
      });
    else if (d.getUTCDay() === 0)
      issues.push({ field, message: `Le ${long(d).split(" ").slice(1).join(" ")} est un dimanche : choisissez un autre jour.` });
    else if (holidays[`${m[1]}/${m[2]}`])
      issues.push({ field, message: `Le ${long(d)} est un jour férié (${holidays[`${m[1]}/${m[2]}`]}) : choisissez un autre jour.` });
    else if (seen.has(t)) issues.push({ field, message: `Le ${long(d)} est donné pour deux journées.` });
    seen.add(t);
  });
  return issues;
}

export const needsCommission: AppError = {
  code: "carry_needs_commission",
  message:
    "Les jurys sont faits des membres de la commission : reprenez aussi la commission, ou ne reprenez pas l'organisation des entretiens.",
  details: [],
};

/**
 * The carry commands: the pick (a plain file), what it offers (an encrypted one is read with
 * `secret`), and the new campaign, opened as `base` with its new settings and no candidate.
 */
export function carryCommands(base: CampaignSummary, secret: string) {
  const source: CarrySource = carrySourceOf(base.settings);
  return {
    carryPick: vi.fn(() => ok<CarryPick | null>(carryPick)),
    carrySource: vi.fn((passphrase: string | null) => {
      if (passphrase !== null && passphrase !== secret)
        return fail({
          code: "wrong_passphrase",
          message:
            "La phrase de passe ne permet pas d'ouvrir « Campagne 2026-2027.cesp » : vérifiez-la (majuscules, accents, espaces) et réessayez. Si elle est exacte, ce fichier n'est pas une campagne CESP. Le fichier n'a pas été modifié.",
          details: [],
        });
      return ok(source);
    }),
    newCampaignFrom: vi.fn(
      (settings: CampaignSettings, choice: CarryChoice, _from: string | null, passphrase: string | null, confirmation: string | null) => {
        if (settings.academic_year <= "2026-2027") {
          const message = `« ${source.file_name} » est la campagne 2026-2027 : la nouvelle campagne doit être d'une année suivante (par exemple 2027-2028).`;
          return fail({ code: "validation", message, details: [{ field: "academic_year", message }] });
        }
        if (choice.parts.includes("interviews") && !choice.parts.includes("commission")) return fail(needsCommission);
        if (choice.parts.includes("interviews")) {
          const wanted = choice.days?.length ? choice.days : source.days.map((d) => d.proposed);
          const issues = dayIssues(source, wanted, settings.academic_year);
          if (issues.length > 0)
            return fail({ code: "validation", message: issues.map((i) => i.message).join(" "), details: issues });
        }
        if (passphrase !== null && passphrase.trim().length < 12) {
          const message =
            "La phrase de passe doit compter au moins 12 caractères : prenez plutôt quelques mots faciles à retenir (par exemple « cèdre lumière vingt falaises »).";
          return fail({ code: "validation", message, details: [{ field: "passphrase", message }] });
        }
        if (passphrase !== null && confirmation !== passphrase) {
          const message = "Les deux saisies de la phrase de passe diffèrent : retapez-la à l'identique.";
          return fail({ code: "validation", message, details: [{ field: "confirmation", message }] });
        }
        return ok<CampaignSummary | null>({
          ...base,
          path: `/home/claire/Documents/Campagne CESP ${settings.academic_year}.cesp`,
          title: `${settings.ufr_name} — ${settings.academic_year}`,
          settings,
          counts: base.counts.map((c) => ({ ...c, candidates: 0, dossiers_incomplete: 0, per_contract: "—" })),
          candidate_count: 0,
          member_count: choice.parts.includes("commission") ? 7 : 0,
          encrypted: passphrase !== null,
        });
      },
    ),
  };
}
