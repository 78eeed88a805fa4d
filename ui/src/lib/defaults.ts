import type { CampaignSettings } from "./bindings";

/** The academic year a campaign started on `today` belongs to (it turns in September). */
export function academicYear(today: Date): string {
  const y = today.getFullYear();
  const start = today.getMonth() >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}

/** A blank campaign, ready to fill in. */
export function defaultSettings(today: Date): CampaignSettings {
  const zero = { medicine: 0, odontology: 0 };
  return {
    ufr_name: "",
    university: "",
    city: "",
    academic_year: academicYear(today),
    disciplines: ["medicine", "odontology"],
    dossier_deadline: "",
    managing_body: "Centre national de gestion (CNG)",
    quotas: { student: { ...zero }, intern: { ...zero }, padhue: { ...zero } },
  };
}
