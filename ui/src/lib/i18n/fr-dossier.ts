// French strings of the « Dossiers » section (checklist, pieces, attachments, eligibility, letters).
export const dossier = {
  title: "Dossiers",
};
