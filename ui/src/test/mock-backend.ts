// A test implementation of the backend seam, with realistic data and call recording.
import { vi } from "vitest";
import type { Backend } from "../lib/backend";
import type { AppError, CampaignSettings, CampaignSummary } from "../lib/bindings";

export const settings: CampaignSettings = {
  ufr_name: "UFR de médecine et d'odontologie",
  university: "Université de démonstration Jules-Verne",
  city: "Amiens",
  academic_year: "2026-2027",
  disciplines: ["medicine", "odontology"],
  dossier_deadline: "2026-12-01",
  managing_body: "Centre national de gestion (CNG)",
  quotas: {
    student: { medicine: 10, odontology: 2 },
    intern: { medicine: 8, odontology: 1 },
    padhue: { medicine: 1, odontology: 0 },
  },
};

export const summary: CampaignSummary = {
  path: "/home/claire/Campagne de démonstration.cesp",
  title: "UFR de médecine et d'odontologie — 2026-2027",
  settings,
  deadline_display: "mardi 1er décembre 2026",
  counts: [
    { category: "student", discipline: "medicine", label: "Étudiants — médecine", candidates: 26, quota: 10 },
    { category: "student", discipline: "odontology", label: "Étudiants — odontologie", candidates: 7, quota: 2 },
    { category: "intern", discipline: "medicine", label: "Internes — médecine", candidates: 20, quota: 8 },
    { category: "intern", discipline: "odontology", label: "Internes — odontologie", candidates: 3, quota: 1 },
    { category: "padhue", discipline: "medicine", label: "PADHUE — médecine", candidates: 4, quota: 1 },
    { category: "padhue", discipline: "odontology", label: "PADHUE — odontologie", candidates: 0, quota: 0 },
  ],
  candidate_count: 60,
  member_count: 7,
  schema_version: 2,
  created_display: "22/11/2026 à 17 h 37",
};

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

export function mockBackend(overrides: Partial<Backend> = {}): Backend {
  const base: Backend = {
    getSession: vi.fn(() =>
      ok({ operator: null, campaign: null, recent: [], startup_error: null, version: "0.1.0" }),
    ),
    setOperator: vi.fn((name: string) =>
      name.trim() === ""
        ? fail({ code: "validation", message: "Saisissez votre nom.", details: [] })
        : ok(name.trim()),
    ),
    newCampaign: vi.fn(() => ok(summary)),
    openCampaign: vi.fn(() => ok(null)),
    openRecent: vi.fn(() => ok(summary)),
    forgetRecent: vi.fn(() => ok([])),
    openDemo: vi.fn(() => ok(summary)),
    closeCampaign: vi.fn(() => ok([])),
    campaignSummary: vi.fn(() => ok(summary)),
    updateSettings: vi.fn(() => ok(summary)),
    journal: vi.fn(() => ok([])),
    candidates: vi.fn(() => ok([])),
    members: vi.fn(() => ok([])),
  };
  return { ...base, ...overrides };
}
