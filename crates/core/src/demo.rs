//! The built-in demo campaign: realistic, generated French data, always the same story,
//! told as of the day the demo is created.
//!
//! The story is written for fixed dates: dossiers received in November 2026 (one late, on
//! 3 December), the deadline on 1 December 2026, interviews and sittings on Thursday 14
//! and Friday 15 January 2027, the minutes signed on Sunday 17 January 2027. Every one of
//! its dates goes through [`Story::day`], which moves it by whole weeks (weekdays stay) so
//! that the signing day is the day the demo is created or one of the six days before: the
//! sittings are over, nothing happened after today, and the minutes can be sealed.

use crate::Refusal;
use std::path::Path;

use chrono::{NaiveDate, TimeDelta};

use crate::campaign::{self, Campaign, CampaignSettings, DisciplineQuota, Quotas};
use crate::candidate::{self, CandidateData, Category, Discipline};
use crate::commission::{self, Role};
use crate::error::{Error, Result};
use crate::fr;
use crate::journal::Entry;
use sha2::Digest;

/// The day the fixed story's minutes are signed, Sunday 17 January 2027: created at this
/// anchor, the demo is the story exactly as written.
pub const STORY_SIGNING_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2027, 1, 17) {
    Some(d) => d,
    None => panic!("17 January 2027 is a date"),
};

/// Who the demo's own journal lines are written under (not the person who opened it).
pub const OPERATOR: &str = "Démonstration";

/// The story's calendar: its dates as written, moved by a whole number of weeks.
#[derive(Debug, Clone, Copy)]
struct Story {
    shift: TimeDelta,
}

impl Story {
    /// The story as written.
    const FIXED: Story = Story {
        shift: TimeDelta::zero(),
    };

    /// The story moved so that its signing day is `today` or as close before it as whole
    /// weeks allow.
    fn anchored(today: NaiveDate) -> Story {
        let weeks = (today - STORY_SIGNING_DAY).num_days().div_euclid(7);
        Story {
            shift: TimeDelta::weeks(weeks),
        }
    }

    /// The story's date `year-month-day`, as written for the fixed story, moved. Every
    /// date of the demo goes through here.
    fn day(&self, year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or(STORY_SIGNING_DAY) + self.shift
    }

    /// As stored: "2027-01-14".
    fn iso(&self, year: i32, month: u32, day: u32) -> String {
        self.day(year, month, day).format("%Y-%m-%d").to_string()
    }

    /// As typed: "14/01/2027".
    fn short(&self, year: i32, month: u32, day: u32) -> String {
        fr::date_short(self.day(year, month, day))
    }

    /// A moment of the story's day, as stored: "2027-01-14T08:00:00Z".
    fn stamp(&self, year: i32, month: u32, day: u32, time: &str) -> String {
        format!("{}T{time}Z", self.iso(year, month, day))
    }

    /// The interview days, which are also the sittings: Thursday and Friday.
    fn sittings(&self) -> [NaiveDate; 2] {
        [self.day(2027, 1, 14), self.day(2027, 1, 15)]
    }

    /// The academic year of the sittings: "2026-2027" for sittings from September 2026
    /// to August 2027.
    fn academic_year(&self) -> String {
        crate::campaign::academic_year_of(self.sittings()[0])
    }
}

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

/// The demo campaign's settings, in the story as written.
pub fn settings() -> CampaignSettings {
    settings_in(&Story::FIXED)
}

fn settings_in(story: &Story) -> CampaignSettings {
    CampaignSettings {
        ufr_name: "UFR de médecine et d'odontologie".into(),
        university: "Université de démonstration Jules-Verne".into(),
        city: "Amiens".into(),
        academic_year: story.academic_year(),
        disciplines: vec![Discipline::Medicine, Discipline::Odontology],
        dossier_deadline: story.iso(2026, 12, 1),
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

/// The demo's candidates, always the same 60, in the story as written.
pub fn candidates() -> Vec<CandidateData> {
    candidates_in(&Story::FIXED)
}

fn candidates_in(story: &Story) -> Vec<CandidateData> {
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
            let birth = story.iso(
                2026 - age,
                1 + rng.below(12) as u32,
                1 + rng.below(28) as u32,
            );
            let study_year = match (category, discipline) {
                (Category::Student, Discipline::Medicine) => {
                    ["DFASM1", "DFASM2", "DFASM3"][rng.below(3)].to_owned()
                }
                (Category::Student, Discipline::Odontology) => {
                    ["DFASO1", "DFASO2", "6e année (T1)"][rng.below(3)].to_owned()
                }
                (Category::Intern, _) => {
                    format!("DES — {} année", ["1re", "2e", "3e"][rng.below(3)])
                }
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
            // Received from 3 to 20 November, before the deadline.
            let received_day = 3 + rng.below(18) as u32;
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
                dossier_received: Some(story.iso(2026, 11, received_day)),
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
    out[15].dossier_received = Some(story.iso(2026, 12, 3));
    out[15].notes = Some(format!(
        "Dossier arrivé après la date limite (cachet de la poste du {}).",
        story.day(2026, 12, 2).format("%d/%m")
    ));
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

/// Candidates convoked who did not come to their interview: not heard, so still to score
/// if the commission hears them later.
const ABSENT: &[&str] = &["MOREL Youssef", "COLIN Héloïse"];

/// A candidate who withdrew by e-mail on the Sunday before the interviews.
const WITHDRAWN: &str = "DUBOIS Clément";

/// Creates the demo campaign at `path` (which must not exist), its story told as of
/// today.
pub fn create(path: &Path) -> Result<Campaign> {
    create_at(path, crate::clock::today())
}

/// Creates the demo campaign at `path` (which must not exist), its story moved by whole
/// weeks so that its minutes are signed on `today` or in the six days before
/// ([`STORY_SIGNING_DAY`] gives the story as written).
pub fn create_at(path: &Path, today: NaiveDate) -> Result<Campaign> {
    build(path, today, false)
}

/// Recreates the demo campaign at `path` as of today: the changes made in it are lost.
/// Refused, with nothing touched, when the file there is not a demo campaign (a user's
/// campaign is never replaced) or is open elsewhere.
pub fn reset(path: &Path) -> Result<Campaign> {
    reset_at(path, crate::clock::today())
}

/// [`reset`], its story anchored at `today` as in [`create_at`].
pub fn reset_at(path: &Path, today: NaiveDate) -> Result<Campaign> {
    let path = campaign::file_path(path);
    if path.exists() && !is_demo(&path) {
        let name = path.display();
        return Err(Error::Refused(
            Refusal::NotTheDemo,
            if crate::cipher::is_encrypted(&path) {
                format!("« {name} » est chiffré : impossible de vérifier que c'est la campagne de démonstration, il n'est donc pas remplacé. S'il s'agit bien d'elle, supprimez ce fichier, puis recréez la démonstration.")
            } else {
                format!("« {name} » n'est pas une campagne de démonstration : il n'est pas remplacé. Choisissez un autre fichier pour la démonstration.")
            },
        ));
    }
    build(&path, today, true)
}

/// Whether the file at `path` is a demo campaign (its journal says it was filled as one).
fn is_demo(path: &Path) -> bool {
    Campaign::open_read_only(path)
        .and_then(|c| {
            Ok(c.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM journal WHERE action = 'demo.fill')",
                [],
                |r| r.get::<_, bool>(0),
            )?)
        })
        .unwrap_or(false)
}

/// Builds the whole demo beside `path`, then puts it in place in one step: a crash leaves
/// the previous file or the new demo, never half a demo.
fn build(path: &Path, today: NaiveDate, replace: bool) -> Result<Campaign> {
    let path = std::path::absolute(campaign::file_path(path)).map_err(|e| Error::io(path, e))?;
    if path.exists() && (!replace || path.is_dir()) {
        return Err(Error::AlreadyExists(path));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let aside = path.with_file_name(format!(".{name}.demo-{}.cesp", std::process::id()));
    crate::store::discard(&aside);
    let story = Story::anchored(today);
    let built = (|| {
        let mut campaign = Campaign::create(&aside, &settings_in(&story), OPERATOR)?;
        fill(&mut campaign, &story)?;
        campaign.close()
    })();
    if let Err(e) = built {
        crate::store::discard(&aside);
        return Err(e);
    }
    crate::store::put_in_place(&aside, &path, replace)?;
    Campaign::open(&path)
}

/// The story, in the order it happened: the candidates and the commission, the dossiers,
/// the sittings, the interviews planned, the hearings and scores, the scores validated,
/// ties settled by a vote and the lists recorded. Only the seal is left to the user.
fn fill(campaign: &mut Campaign, story: &Story) -> Result<()> {
    campaign.store().write(OPERATOR, |tx| {
        for c in candidates_in(story) {
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
    fill_dossiers(campaign, story)?;
    fill_sittings(campaign, story)?;
    fill_schedule(campaign, story)?;
    fill_scoring(campaign, story)?;
    campaign.lock_scores(&[], OPERATOR)?;
    settle(campaign, story)
}

/// Two days of interviews with a lunch break, two juries of the commission's members, an
/// intern on call, a member excused on the first day, the plan made, then a withdrawal.
fn fill_schedule(campaign: &mut Campaign, story: &Story) -> Result<()> {
    use crate::schedule::plan::{
        BreakSetup, DaySetup, HalfDayPart, JurySetup, ScheduleSetup, Unavailable,
    };
    let members = commission::list(campaign.conn())?;
    let ids: Vec<i64> = members.iter().map(|m| m.id).collect();
    let cands = candidate::list(campaign.conn())?;
    let [first, second] = story.sittings().map(fr::date_short);
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
    let mut unavailable: Vec<Unavailable> = cands
        .iter()
        .find(|c| c.category == Category::Intern)
        .map(|c| Unavailable {
            member: None,
            candidate: Some(c.id),
            date: first.clone(),
            part: HalfDayPart::Morning,
            reason: "de garde".into(),
        })
        .into_iter()
        .collect();
    // Excused from the first sitting: she does not sit on her jury that day either.
    if let Some(m) = members.iter().find(|m| m.name == EXCUSED) {
        for part in [HalfDayPart::Morning, HalfDayPart::Afternoon] {
            unavailable.push(Unavailable {
                member: Some(m.id),
                candidate: None,
                date: first.clone(),
                part,
                reason: "en stage hors subdivision".into(),
            });
        }
    }
    let setup = ScheduleSetup {
        interview_minutes: 20,
        buffer_minutes: 5,
        min_jury_size: 3,
        required_role: None,
        separate_populations: true,
        days: vec![day(&first), day(&second)],
        juries: vec![
            JurySetup { id: None, name: "Jury 1".into(), room: "Salle du conseil".into(), members: ids.iter().copied().step_by(2).collect() },
            JurySetup { id: None, name: "Jury 2".into(), room: "Salle 2.14".into(), members: ids.iter().copied().skip(1).step_by(2).collect() },
        ],
        unavailable,
        preferences: Vec::new(),
        bring: vec![
            "une pièce d'identité en cours de validité".into(),
            "cette convocation".into(),
            "votre projet professionnel, si vous souhaitez vous y reporter".into(),
        ],
        contact: "Mme Claire DUMONT, scolarité de l'UFR, 03 22 82 77 00, scolarite.cesp@demo-jules-verne.fr".into(),
    };
    campaign.set_schedule_setup(&setup, OPERATOR)?;
    campaign.plan_interviews(false, false, OPERATOR)?;
    if let Some(c) = cands.iter().find(|c| c.display_name == WITHDRAWN) {
        campaign.withdraw_before_interview(
            c.id,
            &format!(
                "désistement reçu par courriel le {}",
                story.short(2027, 1, 10)
            ),
            OPERATOR,
        )?;
    }
    Ok(())
}

/// The dossiers as a referent has them a week before the deadline: most pieces received,
/// some missing, a residence permit refused, a motivation letter and an ID scan attached.
fn fill_dossiers(campaign: &mut Campaign, story: &Story) -> Result<()> {
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
    let checked = story.stamp(2026, 11, 21, "10:00:00");
    let usual = story.iso(2026, 11, 20);
    campaign.store().write(OPERATOR, |tx| {
        let mut recorded = 0;
        for (i, c) in cands.iter().enumerate() {
            let received = c.data.dossier_received.clone().unwrap_or_else(|| usual.clone());
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
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    rusqlite::params![c.id, p.id, status, (status == "received").then_some(received.as_str()), reason, checked],
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
                    "INSERT INTO attachment (candidate, piece, file_name, sha256, added_at) VALUES (?1, ?2, 'lettre-motivation.pdf', ?3, ?4)",
                    rusqlite::params![c.id, p.id, sha, checked],
                )?;
            }
        }
        Ok((
            (),
            Some(Entry::new(
                "demo.dossiers",
                format!("Dossiers de démonstration : {recorded} pièces renseignées, 2 lettres de motivation jointes."),
            )),
        ))
    })
}

/// The member excused from the first sitting.
const EXCUSED: &str = "Mme Élodie BRETON";
/// The member absent, unannounced, from the second sitting.
const NO_SHOW: &str = "Dr Céline PÉTRAULT";

/// The two sittings (the interview days), who attended, and two recusals declared before
/// the interviews were planned.
fn fill_sittings(campaign: &mut Campaign, story: &Story) -> Result<()> {
    let recused_at = story.stamp(2027, 1, 4, "09:00:00");
    campaign.store().write(OPERATOR, |tx| {
        for date in story.sittings() {
            tx.execute(
                "INSERT INTO sitting (date, start_time, place) VALUES (?1, '09:00', 'Salle du conseil, UFR de médecine, Amiens')",
                [date.format("%Y-%m-%d").to_string()],
            )?;
        }
        let members = commission::list(tx)?;
        let cands = candidate::list(tx)?;
        for m in &members {
            for sitting in [1, 2] {
                let status = match (sitting, m.name.as_str()) {
                    (1, EXCUSED) => "excused",
                    (2, NO_SHOW) => "absent",
                    _ => "present",
                };
                tx.execute(
                    "INSERT INTO presence (sitting, member, status) VALUES (?1, ?2, ?3)",
                    rusqlite::params![sitting, m.id, status],
                )?;
            }
        }
        let by_name = |name: &str| members.iter().find(|m| m.name == name).map(|m| m.id).unwrap_or(0);
        let recusals = [
            (by_name("Dr Karim BELKACEM"), cands[2].id, "Maître de stage du candidat"),
            (by_name("Mme Élodie BRETON"), cands[25].id, "Lien familial avec la candidate"),
        ];
        for (m, c, reason) in recusals {
            tx.execute(
                "INSERT INTO recusal (member, candidate, reason, at) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![m, c, reason, recused_at],
            )?;
        }
        Ok((
            (),
            Some(Entry::new(
                "demo.sittings",
                "Séances de démonstration : 2 séances avec les présences, 2 déports.",
            )),
        ))
    })
}

/// The hearings, each at the sitting of the candidate's interview day, and the scores of
/// the members present, with the cases a commission meets: a member excused, one absent,
/// two recusals, members who disagree and an academic correction.
fn fill_scoring(campaign: &mut Campaign, story: &Story) -> Result<()> {
    use crate::scoring::{self, ScoreInput, Source};
    let grid = campaign.grid()?;
    let sittings = story.sittings();
    campaign.store().write(OPERATOR, |tx| {
        let members = commission::list(tx)?;
        let cands = candidate::list(tx)?;
        // In the order of the timetable.
        let mut stmt = tx.prepare("SELECT candidate, date FROM interview ORDER BY date, start, jury")?;
        let interviews = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        let mut rng = Rng(0x5C0_2E5);
        let mut heard = 0;
        for (id, date) in interviews {
            let Some(cand) = cands.iter().find(|c| c.id == id) else { continue };
            let Some(sitting) = sittings.iter().position(|s| Some(*s) == fr::parse_date(&date)) else { continue };
            if ABSENT.contains(&cand.display_name.as_str()) {
                continue;
            }
            tx.execute(
                "INSERT INTO hearing (candidate, sitting) VALUES (?1, ?2)",
                rusqlite::params![cand.id, sitting as i64 + 1],
            )?;
            heard += 1;
            // Each candidate has a level; each member a bias; each score some noise.
            let level = 150 + rng.below(300) as i64;
            for (k, m) in members.iter().enumerate() {
                if !m.voting {
                    continue;
                }
                let bias = [0, -30, 15, 20, -15, 25, 0][k % 7];
                for c in grid.criteria().filter(|c| c.source == Source::Members) {
                    let mut v = level + bias + rng.below(70) as i64 - 35;
                    // The twelfth candidate heard: members disagree strongly.
                    if heard == 12 && k % 2 == 0 {
                        v += 180;
                    }
                    let v = ((v.clamp(0, 500) + 25) / 50) * 50;
                    let input = ScoreInput {
                        member_id: m.id,
                        candidate_id: cand.id,
                        criterion_id: c.id,
                        value: scoring::show_cents(v.min(500)),
                    };
                    match scoring::apply_score(tx, &grid, &input, None, OPERATOR) {
                        Ok(_) => {}
                        // Recused or absent members are skipped, as in a real sitting.
                        Err(crate::Error::Refused(
                            Refusal::MemberRecused | Refusal::MemberAbsent | Refusal::MemberNotVoting,
                            _,
                        )) => {}
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
                format!(
                    "Notes de démonstration : {heard} candidats entendus le jour de leur entretien, notés par les membres présents ; {} absents à leur entretien.",
                    ABSENT.len()
                ),
            )),
        ))
    })
}

/// Ties across the last useful rank settled by a vote of the commission, then the lists
/// recorded, at the second sitting.
fn settle(campaign: &mut Campaign, story: &Story) -> Result<()> {
    let sitting = fr::date_long(story.sittings()[1]);
    let allocation = campaign.allocation(None)?;
    for g in allocation.groups.iter().filter(|g| g.ties.len() > 1) {
        let order: Vec<i64> = g.ties.iter().map(|d| d.candidate_id).collect();
        campaign.record_tie_vote(
            &order,
            &format!("vote à main levée en séance du {sitting}, 5 voix contre 1"),
            OPERATOR,
        )?;
    }
    campaign.record_allocation(&format!("Séance du {sitting}"), OPERATOR)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;
    use chrono::Weekday;

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
    fn the_story_moves_by_whole_weeks_to_the_last_signing_day_on_or_before_today() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        let signed = |today| Story::anchored(today).day(2027, 1, 17);
        // On the story's Sunday and the six days after: the story as written.
        assert_eq!(signed(d(2027, 1, 17)), d(2027, 1, 17));
        assert_eq!(signed(d(2027, 1, 23)), d(2027, 1, 17));
        assert_eq!(signed(d(2027, 1, 24)), d(2027, 1, 24));
        // Before it, never after today.
        assert_eq!(signed(d(2027, 1, 16)), d(2027, 1, 10));
        assert_eq!(signed(d(2026, 12, 2)), d(2026, 11, 29));
        for offset in -400..400 {
            let today = d(2027, 1, 17) + TimeDelta::days(offset);
            let story = Story::anchored(today);
            let day = story.day(2027, 1, 17);
            assert!(day <= today && today - day < TimeDelta::days(7), "{today}");
            assert_eq!(
                story.sittings().map(|s| s.weekday()),
                [Weekday::Thu, Weekday::Fri]
            );
        }
        // The academic year of the sittings.
        let year = |today| Story::anchored(today).academic_year();
        assert_eq!(year(d(2027, 1, 17)), "2026-2027");
        assert_eq!(year(d(2027, 9, 1)), "2026-2027");
        assert_eq!(year(d(2027, 9, 8)), "2027-2028");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(ascii_slug("Marie-Ève"), "marie-eve");
        assert_eq!(ascii_slug("N'DIAYE"), "ndiaye");
    }
}
