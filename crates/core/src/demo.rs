//! The built-in demo campaign: realistic, generated French data, always the same.

use std::path::Path;

use crate::campaign::{Campaign, CampaignSettings, DisciplineQuota, Quotas};
use crate::candidate::{self, CandidateData, Category, Discipline};
use crate::commission::{self, Role};
use crate::error::Result;
use crate::journal::Entry;
use sha2::Digest;

/// A small deterministic generator (SplitMix64), so the demo never changes between runs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A mark out of 20 with two decimals, around `mean`.
    fn mark(&mut self, mean: f64) -> f64 {
        let spread = (self.below(600) as f64 - 300.0) / 100.0;
        ((mean + spread).clamp(8.0, 19.5) * 100.0).round() / 100.0
    }
}

const LAST_NAMES: &[&str] = &[
    "MARTIN",
    "BERNARD",
    "DUBOIS",
    "LEFÈVRE",
    "MOREAU",
    "LAURENT",
    "GARNIER",
    "FAURE",
    "ROUSSEAU",
    "BLANC",
    "GUÉRIN",
    "MÜLLER",
    "BOYER",
    "CHEVALIER",
    "FRANÇOIS",
    "LEGRAND",
    "GAUTHIER",
    "PERRIN",
    "ROBIN",
    "CLÉMENT",
    "MOREL",
    "NICOLAS",
    "HENRY",
    "ROUSSEL",
    "MATHIEU",
    "DUPONT-MOREAU",
    "LE GALL",
    "N'DIAYE",
    "DE LA FONTAINE",
    "BENSAÏD",
    "NGUYEN",
    "OUÉDRAOGO",
    "ÉTIENNE",
    "LEMAÎTRE",
    "HOARAU",
    "PAYET",
    "KERGOAT",
    "ARNAUD",
    "SCHNEIDER",
    "BOUCHER",
    "COLIN",
    "VIDAL",
    "CARON",
    "PICARD",
    "ROCHE",
    "AUBERT",
    "DESCHAMPS-LÉGER",
    "MERCIER",
    "BRUNET",
    "FONTAINE",
    "LECLERC",
    "MEUNIER",
    "BARBIER",
    "GIRAUD",
    "JOLY",
    "RENAUD",
    "MAILLARD",
    "LE ROUX",
    "BENOÎT",
    "HUET",
];

const FIRST_NAMES_F: &[&str] = &[
    "Marie-Ève",
    "Chloé",
    "Léa",
    "Manon",
    "Inès",
    "Camille",
    "Zoé",
    "Anaïs",
    "Noémie",
    "Héloïse",
    "Clémence",
    "Maëlys",
    "Salomé",
    "Océane",
    "Jeanne",
    "Aïcha",
    "Émilie",
    "Justine",
    "Hélène",
    "Lou-Anne",
];

const FIRST_NAMES_M: &[&str] = &[
    "Lucas",
    "Hugo",
    "Théo",
    "Maël",
    "Louis",
    "Jérôme",
    "François",
    "Noé",
    "Raphaël",
    "Gaël",
    "Jean-Baptiste",
    "Mathéo",
    "Benoît",
    "Loïc",
    "Youssef",
    "Éloi",
    "Timothée",
    "Clément",
    "Adrien",
    "Pierre-Louis",
];

const SPECIALTIES_MED: &[&str] = &[
    "Médecine générale",
    "Médecine générale",
    "Médecine générale",
    "Psychiatrie",
    "Pédiatrie",
    "Gynécologie médicale",
    "Médecine d'urgence",
    "Ophtalmologie",
];

const MODES: &[&str] = &["Libéral", "Salarié", "Mixte", "Libéral", "Mixte"];

const PLACES: &[&str] = &[
    "Maison de santé de Montdidier (Somme)",
    "Centre de santé d'Abbeville",
    "Cabinet de groupe à Hirson (Aisne)",
    "Maison de santé pluriprofessionnelle de Clermont (Oise)",
    "Centre hospitalier de Saint-Quentin",
    "Zone d'intervention prioritaire du Vimeu",
    "Cabinet rural à Albert (Somme)",
];

/// The demo campaign's settings.
pub fn settings() -> CampaignSettings {
    CampaignSettings {
        ufr_name: "UFR de médecine et d'odontologie".into(),
        university: "Université de démonstration Jules-Verne".into(),
        city: "Amiens".into(),
        academic_year: "2026-2027".into(),
        disciplines: vec![Discipline::Medicine, Discipline::Odontology],
        dossier_deadline: "2026-12-01".into(),
        managing_body: "Centre national de gestion (CNG)".into(),
        quotas: Quotas {
            student: DisciplineQuota {
                medicine: 10,
                odontology: 2,
            },
            intern: DisciplineQuota {
                medicine: 8,
                odontology: 1,
            },
            padhue: DisciplineQuota {
                medicine: 1,
                odontology: 0,
            },
        },
    }
}

/// The demo's candidates, always the same 60.
pub fn candidates() -> Vec<CandidateData> {
    let mut rng = Rng(0x0CE5_2026);
    // (category, discipline, how many)
    let plan = [
        (Category::Student, Discipline::Medicine, 26),
        (Category::Student, Discipline::Odontology, 7),
        (Category::Intern, Discipline::Medicine, 20),
        (Category::Intern, Discipline::Odontology, 3),
        (Category::Padhue, Discipline::Medicine, 4),
    ];
    let mut out = Vec::new();
    let mut n = 0usize;
    for (category, discipline, count) in plan {
        for _ in 0..count {
            n += 1;
            let female = rng.below(100) < 58;
            let first = if female {
                rng.pick(FIRST_NAMES_F)
            } else {
                rng.pick(FIRST_NAMES_M)
            };
            // Walk the name list so that names rarely repeat, with a random start.
            let last = LAST_NAMES[(n * 7 + rng.below(3)) % LAST_NAMES.len()];
            let age = match category {
                Category::Student => 21 + rng.below(4),
                Category::Intern => 25 + rng.below(5),
                Category::Padhue => 32 + rng.below(10),
            } as i32;
            let birth = format!(
                "{}-{:02}-{:02}",
                2026 - age,
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let study_year = match (category, discipline) {
                (Category::Student, Discipline::Medicine) => {
                    ["DFASM1", "DFASM2", "DFASM3"][rng.below(3)].to_owned()
                }
                (Category::Student, Discipline::Odontology) => {
                    ["DFASO1", "DFASO2", "6e année (T1)"][rng.below(3)].to_owned()
                }
                (Category::Intern, _) => format!("DES — {}e année", 1 + rng.below(3)),
                (Category::Padhue, _) => "Parcours de consolidation des compétences".to_owned(),
            };
            let specialty = match discipline {
                Discipline::Medicine => rng.pick(SPECIALTIES_MED).to_owned(),
                Discipline::Odontology => "Chirurgie dentaire — omnipratique".to_owned(),
            };
            let (rank, cohort) = match category {
                Category::Intern => (Some(200 + rng.below(8500) as i64), Some(8_791)),
                _ => (None, None),
            };
            // Received before today in the story of the demo (22 November).
            let received_day = 3 + rng.below(18);
            let mut c = CandidateData {
                last_name: last.to_owned(),
                first_names: first.to_owned(),
                birth_name: None,
                birth_date: Some(birth),
                sex: Some(if female { "F" } else { "M" }.to_owned()),
                email: Some(format!(
                    "{}.{}@etu.demo-jules-verne.fr",
                    ascii_slug(first),
                    ascii_slug(last)
                )),
                phone: Some(format!(
                    "06 {:02} {:02} {:02} {:02}",
                    rng.below(100),
                    rng.below(100),
                    rng.below(100),
                    rng.below(100)
                )),
                student_number: Some(format!("2{:08}", 21_000_000 + n * 7_919)),
                category: Some(category),
                discipline: Some(discipline),
                study_year: Some(study_year),
                specialty: Some(specialty),
                practice_mode: Some(rng.pick(MODES).to_owned()),
                region: Some("ARS Hauts-de-France".to_owned()),
                national_rank: rank,
                cohort_size: cohort,
                average_n1: Some(rng.mark(13.5)),
                average_n2: Some(rng.mark(13.0)),
                ars_agreement: Some(rng.below(100) < 80),
                nationality: Some("Française".to_owned()),
                dossier_received: Some(format!("2026-11-{received_day:02}")),
                notes: Some(format!("Projet : {}", rng.pick(PLACES))),
            };
            if category == Category::Padhue {
                c.nationality =
                    Some(["Algérienne", "Syrienne", "Tunisienne", "Libanaise"][n % 4].to_owned());
                c.average_n1 = None;
                c.average_n2 = None;
            }
            out.push(c);
        }
    }
    // Edge cases a real commission meets.
    out[3].birth_name = Some("FERREIRA DA SILVA".to_owned());
    out[3].notes =
        Some("Nom d'usage après mariage ; nom de naissance à reporter sur le contrat.".to_owned());
    out[8].nationality = Some("Marocaine".to_owned());
    out[8].notes = Some("Ressortissante étrangère : titre de séjour à vérifier.".to_owned());
    out[15].dossier_received = Some("2026-12-03".to_owned());
    out[15].notes =
        Some("Dossier arrivé après la date limite (cachet de la poste du 02/12).".to_owned());
    out[22].email = None;
    out[22].phone = None;
    out[22].notes = Some("Coordonnées à compléter.".to_owned());
    out[40].ars_agreement = Some(false);
    out[40].notes = Some("Accord de l'ARS demandé, pas encore reçu.".to_owned());
    out
}

fn ascii_slug(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = c.to_lowercase().next().unwrap_or(c);
            Some(match c {
                'à' | 'â' | 'ä' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'î' | 'ï' => 'i',
                'ô' | 'ö' => 'o',
                'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                'a'..='z' | '0'..='9' => c,
                '-' | ' ' => '-',
                _ => return None,
            })
        })
        .collect()
}

/// The demo commission: 7 members.
pub fn members() -> Vec<(&'static str, Role, bool, &'static str)> {
    vec![
        (
            "Pr Jean-Marc LEFEBVRE",
            Role::Chair,
            true,
            "jm.lefebvre@demo-jules-verne.fr",
        ),
        (
            "Dr Sophie MARCHAND",
            Role::ArsRepresentative,
            true,
            "sophie.marchand@ars.demo.fr",
        ),
        (
            "Dr Karim BELKACEM",
            Role::Physician,
            true,
            "k.belkacem@demo-jules-verne.fr",
        ),
        (
            "Dr Anne-Sophie DUVAL",
            Role::Physician,
            true,
            "as.duval@demo-jules-verne.fr",
        ),
        (
            "Dr Céline PÉTRAULT",
            Role::Dentist,
            true,
            "c.petrault@demo-jules-verne.fr",
        ),
        (
            "M. Thomas LEROY",
            Role::StudentRepresentative,
            true,
            "thomas.leroy@etu.demo-jules-verne.fr",
        ),
        (
            "Mme Élodie BRETON",
            Role::InternRepresentative,
            true,
            "elodie.breton@etu.demo-jules-verne.fr",
        ),
    ]
}

/// Creates the demo campaign at `path`.
pub fn create(path: &Path, operator: &str) -> Result<Campaign> {
    let mut campaign = Campaign::create(path, &settings(), operator)?;
    campaign.store().write(operator, |tx| {
        for c in candidates() {
            let category = c.category.unwrap_or(Category::Student);
            let discipline = c.discipline.unwrap_or(Discipline::Medicine);
            candidate::insert(tx, category, discipline, &c)?;
        }
        for (name, role, voting, email) in members() {
            commission::insert(tx, name, role, voting, Some(email))?;
        }
        Ok((
            (),
            Some(Entry::new(
                "demo.fill",
                "Campagne de démonstration remplie : 60 candidats et une commission de 7 membres.",
            )),
        ))
    })?;
    fill_dossiers(&mut campaign, operator)?;
    fill_scoring(&mut campaign, operator)?;
    fill_schedule(&mut campaign, operator)?;
    Ok(campaign)
}

/// Two days of interviews with a lunch break, two juries of the commission's members, an
/// intern on call, and the plan made.
fn fill_schedule(campaign: &mut Campaign, operator: &str) -> Result<()> {
    use crate::schedule::plan::{
        BreakSetup, DaySetup, HalfDayPart, JurySetup, ScheduleSetup, Unavailable,
    };
    let members: Vec<i64> = commission::list(campaign.conn())?
        .iter()
        .map(|m| m.id)
        .collect();
    let interns: Vec<i64> = candidate::list(campaign.conn())?
        .iter()
        .filter(|c| c.category == Category::Intern)
        .map(|c| c.id)
        .collect();
    let day = |date: &str| DaySetup {
        date: date.into(),
        opening: "8 h 30".into(),
        closing: "17 h 30".into(),
        breaks: vec![BreakSetup {
            start: "12 h 30".into(),
            end: "13 h 30".into(),
        }],
        place: "UFR de médecine, 3 rue des Louvels, Amiens".into(),
    };
    let setup = ScheduleSetup {
        interview_minutes: 20,
        buffer_minutes: 5,
        min_jury_size: 3,
        required_role: None,
        separate_populations: true,
        days: vec![day("14/01/2027"), day("15/01/2027")],
        juries: vec![
            JurySetup { id: None, name: "Jury 1".into(), room: "Salle du conseil".into(), members: members.iter().copied().step_by(2).collect() },
            JurySetup { id: None, name: "Jury 2".into(), room: "Salle 2.14".into(), members: members.iter().copied().skip(1).step_by(2).collect() },
        ],
        unavailable: interns
            .first()
            .map(|id| Unavailable {
                member: None,
                candidate: Some(*id),
                date: "14/01/2027".into(),
                part: HalfDayPart::Morning,
                reason: "de garde".into(),
            })
            .into_iter()
            .collect(),
        preferences: Vec::new(),
        bring: vec![
            "une pièce d'identité en cours de validité".into(),
            "cette convocation".into(),
            "votre projet professionnel, si vous souhaitez vous y reporter".into(),
        ],
        contact: "Mme Claire DUMONT, scolarité de l'UFR, 03 22 82 77 00, scolarite.cesp@demo-jules-verne.fr".into(),
    };
    campaign.set_schedule_setup(&setup, operator)?;
    campaign.plan_interviews(false, operator)?;
    Ok(())
}

/// The dossiers as a referent has them a week before the deadline: most pieces received,
/// some missing, a residence permit refused, a motivation letter and an ID scan attached.
fn fill_dossiers(campaign: &mut Campaign, operator: &str) -> Result<()> {
    let pieces = crate::dossier::pieces(campaign.conn())?;
    let cands = candidate::list(campaign.conn())?;
    let letter = crate::documents::render(
        "Lettre de motivation",
        &[crate::documents::Section {
            qr: None,
            letterhead: vec!["Lettre de motivation".into()],
            footer: "Pièce de démonstration".into(),
            blocks: vec![crate::documents::Block::text(
                "Je souhaite exercer la médecine générale dans une maison de santé de la Somme, où je fais mes stages depuis deux ans.",
            )],
        }],
    );
    campaign.store().write(operator, |tx| {
        let mut recorded = 0;
        for (i, c) in cands.iter().enumerate() {
            let received = c.data.dossier_received.clone().unwrap_or_else(|| "2026-11-20".into());
            for p in &pieces {
                let applies = p.categories.contains(&c.category)
                    && (p.condition == crate::dossier::Condition::None
                        || crate::dossier::is_foreign(c.data.nationality.as_deref()));
                if !applies {
                    continue;
                }
                let (status, reason) = match (i % 9, p.code.as_str()) {
                    // A few dossiers still miss their bank details or a transcript.
                    (3, "rib") | (5, "transcript_n2") | (7, "cv") => ("missing", ""),
                    (0, "ars_agreement") | (_, "ars_agreement") if i % 4 != 0 => continue,
                    _ if p.code == "residence_permit" && i % 2 == 1 => ("not_compliant", "titre de séjour expiré ; fournir le titre en cours de validité"),
                    _ if i % 13 == 12 => continue,
                    _ => ("received", ""),
                };
                tx.execute(
                    "INSERT INTO piece_status (candidate, piece, status, received_on, reason, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, '2026-11-21T10:00:00Z')",
                    rusqlite::params![c.id, p.id, status, (status == "received").then_some(received.as_str()), reason],
                )?;
                recorded += 1;
            }
        }
        // Two motivation letters scanned and attached.
        if let Some(p) = pieces.iter().find(|p| p.code == "motivation") {
            let sha: String = sha2::Sha256::digest(&letter).iter().map(|b| format!("{b:02x}")).collect();
            tx.execute(
                "INSERT INTO blob (sha256, mime, size, data) VALUES (?1, 'application/pdf', ?2, ?3)",
                rusqlite::params![sha, letter.len() as i64, letter],
            )?;
            for c in cands.iter().take(2) {
                tx.execute(
                    "INSERT INTO attachment (candidate, piece, file_name, sha256, added_at) VALUES (?1, ?2, 'lettre-motivation.pdf', ?3, '2026-11-21T10:00:00Z')",
                    rusqlite::params![c.id, p.id, sha],
                )?;
            }
        }
        Ok((
            (),
            Some(Entry::new(
                "demo.dossiers",
                format!("Démonstration : {recorded} pièces de dossier renseignées, 2 lettres de motivation jointes."),
            )),
        ))
    })
}

/// Two sittings, attendance, recusals and the scores of the 40 candidates heard so far,
/// with the cases a commission meets: a member excused, one absent, two recusals, a
/// member who has not finished, members who disagree, an academic correction and some
/// validated candidates.
fn fill_scoring(campaign: &mut Campaign, operator: &str) -> Result<()> {
    use crate::commission::Attendance;
    use crate::scoring::{self, ScoreInput, Source};
    let grid = campaign.grid()?;
    campaign.store().write(operator, |tx| {
        for (date, place) in [
            ("2027-01-14", "Salle du conseil, UFR de médecine, Amiens"),
            ("2027-01-15", "Salle du conseil, UFR de médecine, Amiens"),
        ] {
            tx.execute(
                "INSERT INTO sitting (date, start_time, place) VALUES (?1, '09:00', ?2)",
                rusqlite::params![date, place],
            )?;
        }
        let members = commission::list(tx)?;
        let cands = candidate::list(tx)?;
        let by_role = |name: &str| members.iter().find(|m| m.name == name).map(|m| m.id).unwrap_or(0);
        for m in &members {
            for (sitting, status) in [(1, Attendance::Present), (2, Attendance::Present)] {
                let status = match (sitting, m.name.as_str()) {
                    (1, "Mme Élodie BRETON") => "excused",
                    (2, "Dr Céline PÉTRAULT") => "absent",
                    _ => match status {
                        Attendance::Present => "present",
                        _ => "absent",
                    },
                };
                tx.execute(
                    "INSERT INTO presence (sitting, member, status) VALUES (?1, ?2, ?3)",
                    rusqlite::params![sitting, m.id, status],
                )?;
            }
        }
        let recusals = [
            (by_role("Dr Karim BELKACEM"), cands[2].id, "Maître de stage du candidat"),
            (by_role("Mme Élodie BRETON"), cands[25].id, "Lien familial avec la candidate"),
        ];
        for (m, c, reason) in recusals {
            tx.execute(
                "INSERT INTO recusal (member, candidate, reason, at) VALUES (?1, ?2, ?3, '2027-01-14T08:00:00Z')",
                rusqlite::params![m, c, reason],
            )?;
        }
        let mut rng = Rng(0x5C0_2E5);
        let mut scored = 0;
        for (i, cand) in cands.iter().take(40).enumerate() {
            let sitting = if i < 20 { 1 } else { 2 };
            tx.execute(
                "INSERT INTO hearing (candidate, sitting) VALUES (?1, ?2)",
                rusqlite::params![cand.id, sitting],
            )?;
            // Each candidate has a level; each member a bias; each score some noise.
            let level = 150 + rng.below(300) as i64;
            for (k, m) in members.iter().enumerate() {
                if !m.voting {
                    continue;
                }
                let bias = [0, -30, 15, 20, -15, 25, 0][k % 7];
                for c in grid.criteria().filter(|c| c.source == Source::Members) {
                    // One member has not finished scoring candidate 38.
                    if i == 37 && m.name == "Dr Anne-Sophie DUVAL" && c.label.starts_with("Qualité") {
                        continue;
                    }
                    let mut v = level + bias + rng.below(70) as i64 - 35;
                    // Candidate 12: members disagree strongly.
                    if i == 11 && k % 2 == 0 {
                        v += 180;
                    }
                    let v = ((v.clamp(0, 500) + 25) / 50) * 50;
                    let input = ScoreInput {
                        member_id: m.id,
                        candidate_id: cand.id,
                        criterion_id: c.id,
                        value: scoring::show_cents(v.min(500)),
                    };
                    match scoring::apply_score(tx, &grid, &input, None, operator) {
                        Ok(_) => scored += 1,
                        // Recused or absent members are skipped, as in a real sitting.
                        Err(crate::Error::Refused(_)) => {}
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        if let Some(c) = grid.criteria().find(|c| c.source == Source::Academic) {
            tx.execute(
                "INSERT INTO academic_override (candidate, criterion, value, reason) VALUES (?1, ?2, 400, ?3)",
                rusqlite::params![cands[5].id, c.id, "Moyenne N-2 obtenue à l'étranger, non comparable : appréciation de la commission"],
            )?;
        }
        Ok((
            (),
            Some(Entry::new(
                "demo.scoring",
                format!("Démonstration : 2 séances, 2 déports et {scored} notes pour 40 candidats entendus."),
            )),
        ))
    })?;
    let first: Vec<i64> = campaign
        .candidates()?
        .iter()
        .take(6)
        .map(|c| c.id)
        .collect();
    campaign.lock_scores(&first, operator)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_has_sixty_varied_candidates() {
        let cs = candidates();
        assert_eq!(cs.len(), 60);
        for cat in Category::ALL {
            assert!(cs.iter().any(|c| c.category == Some(cat)), "{cat:?}");
        }
        assert!(cs.iter().any(|c| c.last_name.contains('-')));
        assert!(cs
            .iter()
            .any(|c| c.nationality.as_deref() == Some("Marocaine")));
        assert!(cs
            .iter()
            .any(|c| c.dossier_received.as_deref() > Some("2026-12-01")));
        // Deterministic.
        assert_eq!(cs, candidates());
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(ascii_slug("Marie-Ève"), "marie-eve");
        assert_eq!(ascii_slug("N'DIAYE"), "ndiaye");
    }
}
