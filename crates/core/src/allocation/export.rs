//! What the allocation sends out: the lists as a workbook for the managing body, and one
//! notification letter per candidate (retained, complementary list, not retained).

use crate::Refusal;
use std::path::Path;

use chrono::NaiveDate;

use super::{Decision, Outcome};
use crate::campaign::Campaign;
use crate::documents::{self, Block, Section};
use crate::dossier::letters::{civility, footer, head, letterhead, signature};
use crate::error::{Error, Result};

const NB: char = '\u{a0}';

impl Campaign {
    /// Writes the lists to `path` (xlsx): one sheet with a line per candidate on a list —
    /// category, list, position, name, first names, date of birth, student number, total.
    pub fn export_allocation_xlsx(&self, path: &Path) -> Result<usize> {
        use rust_xlsxwriter::Format;
        let a = self.allocation(None)?;
        let settings = self.settings()?;
        let rows = self.candidates()?;
        let err = |e| Error::xlsx(path, e);
        let mut wb = crate::files::workbook();
        let bold = Format::new().set_bold();
        let ws = wb.add_worksheet();
        ws.set_name("Listes").map_err(err)?;
        ws.write_with_format(
            0,
            0,
            format!(
                "CESP — {} — campagne {} — listes arrêtées pour {}",
                settings.ufr_name, settings.academic_year, settings.managing_body
            ),
            &bold,
        )
        .map_err(err)?;
        let headers = [
            "Catégorie",
            "Liste",
            "Rang",
            "Nom",
            "Prénom(s)",
            "Date de naissance",
            "N° étudiant / INE",
            "Courriel",
            "Total",
            "Motif",
        ];
        for (c, h) in headers.iter().enumerate() {
            ws.write_with_format(2, c as u16, *h, &bold).map_err(err)?;
        }
        let mut r = 3u32;
        let mut count = 0;
        for g in &a.groups {
            for (list, decisions) in [
                ("Liste principale", &g.main),
                ("Liste complémentaire", &g.complementary),
            ] {
                for d in decisions.iter() {
                    let c = rows.iter().find(|c| c.id == d.candidate_id);
                    let cells = [
                        g.label.clone(),
                        list.to_owned(),
                        d.position.map(|p| p.to_string()).unwrap_or_default(),
                        c.map(|c| c.data.last_name.clone()).unwrap_or_default(),
                        c.map(|c| c.data.first_names.clone()).unwrap_or_default(),
                        c.map(|c| c.birth_date_display.clone()).unwrap_or_default(),
                        c.and_then(|c| c.data.student_number.clone())
                            .unwrap_or_default(),
                        c.and_then(|c| c.data.email.clone()).unwrap_or_default(),
                        d.total_display.clone(),
                        d.reason.clone(),
                    ];
                    for (k, v) in cells.iter().enumerate() {
                        ws.write(r, k as u16, v.as_str()).map_err(err)?;
                    }
                    r += 1;
                    count += 1;
                }
            }
        }
        ws.autofit();
        wb.save(path).map_err(err)?;
        Ok(count)
    }

    /// Every decision letter in one PDF (a page or so each, ready to print), refused while
    /// ties remain or when nobody is ranked.
    pub fn allocation_letters_pdf(&self, day: NaiveDate) -> Result<Vec<u8>> {
        let (_, sections) = self.decision_letters(day)?;
        Ok(documents::render(
            "Décisions de la commission CESP",
            &sections,
        ))
    }

    /// Each decision letter as its own PDF, the same bytes as the file
    /// [`Campaign::write_allocation_letters`] writes for it.
    pub fn decision_letter_files(&self, day: NaiveDate) -> Result<Vec<DecisionLetter>> {
        let (names, sections, about) = self.decision_letters_about(day)?;
        Ok(names
            .into_iter()
            .zip(sections)
            .zip(about)
            .map(
                |((file_name, section), (candidate_id, decision))| DecisionLetter {
                    candidate_id,
                    file_name,
                    decision,
                    letter: documents::Pending {
                        title: "Décision de la commission CESP".into(),
                        section,
                    },
                },
            )
            .collect())
    }

    /// The decision letters of `candidates` in one PDF, dated `day`.
    pub fn decision_letters_pdf_for(&self, candidates: &[i64], day: NaiveDate) -> Result<Vec<u8>> {
        let (_, sections, about) = self.decision_letters_about(day)?;
        let chosen: Vec<Section> = sections
            .into_iter()
            .zip(about)
            .filter(|(_, (id, _))| candidates.contains(id))
            .map(|(s, _)| s)
            .collect();
        Ok(documents::render(
            "Décisions de la commission CESP",
            &chosen,
        ))
    }

    /// The decision letters in the order of the lists, and each one's file name.
    fn decision_letters(&self, day: NaiveDate) -> Result<(Vec<String>, Vec<Section>)> {
        let (names, sections, _) = self.decision_letters_about(day)?;
        Ok((names, sections))
    }

    /// [`Campaign::decision_letters`], with each letter's candidate and the decision it
    /// states (« Liste principale, n° 3 »).
    #[allow(clippy::type_complexity)]
    fn decision_letters_about(
        &self,
        day: NaiveDate,
    ) -> Result<(Vec<String>, Vec<Section>, Vec<(i64, String)>)> {
        let candidates = self.candidate_rows()?;
        let a = self.allocation_kept()?;
        if a.ties_to_settle {
            return Err(Error::Refused(Refusal::TiesUnsettled, "Des égalités restent à départager par un vote : les lettres ne peuvent pas encore être envoyées.".into()));
        }
        let settings = self.settings()?;
        let rows: std::collections::HashMap<i64, &crate::candidate::CandidateRow> =
            candidates.iter().map(|c| (c.id, c)).collect();
        let (mut names, mut letters, mut about) = (Vec::new(), Vec::new(), Vec::new());
        for g in &a.groups {
            for d in g.main.iter().chain(&g.complementary).chain(&g.not_retained) {
                let Some(c) = rows.get(&d.candidate_id) else {
                    continue;
                };
                if d.outcome == Outcome::Withdrawn || c.display_name.starts_with("DONNÉES PURGÉES")
                {
                    continue;
                }
                names.push((c.id, c.display_name.clone()));
                letters.push(letter(&settings, c, d, &g.label, day));
                about.push((
                    c.id,
                    format!("{} — {:?} {:?}", g.label, d.outcome, d.position),
                ));
            }
        }
        if letters.is_empty() {
            return Err(Error::Refused(
                Refusal::NobodyRanked,
                "Aucun candidat classé : il n'y a pas de lettre de décision à écrire.".into(),
            ));
        }
        // Two candidates of the same name each get their letter (« (n° 12) »).
        let names = crate::files::unique_file_names("Décision CESP", "pdf", &names);
        Ok((names, letters, about))
    }

    /// Writes one decision letter per candidate ranked (not withdrawn) and the batch of
    /// them all into `dir`; returns the files written, the batch first.
    pub fn write_allocation_letters(
        &self,
        dir: &Path,
        day: NaiveDate,
        on_file: documents::OnFile<'_>,
    ) -> Result<Vec<String>> {
        if !dir.is_dir() {
            return Err(Error::Refused(Refusal::FolderMissing, format!(
                "Le dossier « {} » n'existe pas : choisissez un dossier existant pour y enregistrer les lettres.",
                dir.display()
            )));
        }
        let (names, sections) = self.decision_letters(day)?;
        let batch = dir.join("Décisions CESP - toutes les lettres.pdf");
        // The batch and the letters one by one are independent: rendered on every core.
        let jobs: Vec<documents::FileJob<'_>> =
            std::iter::once((batch, &sections[..], "Décisions de la commission CESP"))
                .chain(names.iter().zip(&sections).map(|(name, section)| {
                    (
                        dir.join(name),
                        std::slice::from_ref(section),
                        "Décision de la commission CESP",
                    )
                }))
                .collect();
        documents::render_files(&jobs, on_file)?;
        Ok(jobs
            .iter()
            .map(|(path, _, _)| path.display().to_string())
            .collect())
    }
}

/// One candidate's decision letter, as sent to them.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionLetter {
    /// The candidate.
    pub candidate_id: i64,
    /// « Décision CESP - DUPONT Marie.pdf ».
    pub file_name: String,
    /// The decision it states (a new decision is a new letter).
    pub decision: String,
    /// The letter, rendered when sent.
    pub letter: documents::Pending,
}

fn letter(
    settings: &crate::CampaignSettings,
    c: &crate::candidate::CandidateRow,
    d: &Decision,
    group: &str,
    day: NaiveDate,
) -> Section {
    let salutation = civility(c).1.trim_end_matches(',').to_owned() + ",";
    let mut blocks = head(
        settings,
        c,
        day,
        "décision de la commission du contrat d'engagement de service public",
    );
    let body = match d.outcome {
        Outcome::Main => format!(
            "La commission a examiné votre candidature au contrat d'engagement de service public pour l'année universitaire {} ({}). Nous avons le plaisir de vous informer que votre candidature est retenue (rang {} de la liste principale). Le contrat vous sera adressé par {} ; vous disposerez de 30 jours pour le retourner signé.",
            settings.academic_year,
            group.to_lowercase(),
            d.position.unwrap_or(0),
            settings.managing_body
        ),
        Outcome::Complementary => format!(
            "La commission a examiné votre candidature au contrat d'engagement de service public pour l'année universitaire {} ({}). Votre candidature est inscrite sur la liste complémentaire, au rang {}{NB}: si un candidat de la liste principale se désiste ou ne retourne pas son contrat, le contrat est proposé au premier candidat de la liste complémentaire. Nous vous écrirons dans ce cas.",
            settings.academic_year,
            group.to_lowercase(),
            d.position.unwrap_or(0)
        ),
        _ => format!(
            "La commission a examiné votre candidature au contrat d'engagement de service public pour l'année universitaire {} ({}). Nous avons le regret de vous informer qu'elle n'a pas pu être retenue{NB}: {}.",
            settings.academic_year,
            group.to_lowercase(),
            d.reason.trim_start_matches("non retenu : ")
        ),
    };
    blocks.push(Block::text(body));
    blocks.push(Block::text(
        "Le secrétariat de la commission se tient à votre disposition pour toute précision.",
    ));
    blocks.extend(signature(settings, &salutation));
    Section {
        qr: None,
        letterhead: letterhead(settings),
        footer: footer(settings),
        blocks,
    }
}
