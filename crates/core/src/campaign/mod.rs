//! The campaign: its settings (UFR, year, disciplines, deadline, managing body, quotas)
//! and the document that holds everything else.

mod backups;
mod journal_view;

use crate::Refusal;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::candidate::{self, CandidateRow, Category, Discipline};
use crate::cipher::Passphrase;
use crate::error::{Error, FieldIssue, Result};
use crate::fr;
use crate::journal::{self, Change, Entry};
use crate::store::Store;

/// Contracts for one category, per discipline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DisciplineQuota {
    /// Medicine.
    pub medicine: i64,
    /// Odontology.
    pub odontology: i64,
}

/// The year's contracts for the UFR, in the six categories of the ministerial order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Quotas {
    /// Second-cycle students.
    pub student: DisciplineQuota,
    /// Third-cycle interns.
    pub intern: DisciplineQuota,
    /// Practitioners with a diploma from outside the EU.
    pub padhue: DisciplineQuota,
}

impl Quotas {
    /// The quota of one category and discipline.
    pub fn get(&self, category: Category, discipline: Discipline) -> i64 {
        let q = match category {
            Category::Student => &self.student,
            Category::Intern => &self.intern,
            Category::Padhue => &self.padhue,
        };
        match discipline {
            Discipline::Medicine => q.medicine,
            Discipline::Odontology => q.odontology,
        }
    }

    fn get_mut(&mut self, category: Category, discipline: Discipline) -> &mut i64 {
        let q = match category {
            Category::Student => &mut self.student,
            Category::Intern => &mut self.intern,
            Category::Padhue => &mut self.padhue,
        };
        match discipline {
            Discipline::Medicine => &mut q.medicine,
            Discipline::Odontology => &mut q.odontology,
        }
    }

    /// All contracts together.
    pub fn total(&self) -> i64 {
        cells().map(|(c, d)| self.get(c, d)).sum()
    }
}

/// The six (category, discipline) cells, in the order of the ministerial order.
pub fn cells() -> impl Iterator<Item = (Category, Discipline)> {
    Category::ALL
        .into_iter()
        .flat_map(|c| Discipline::ALL.into_iter().map(move |d| (c, d)))
}

/// What the user sets when creating or editing a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CampaignSettings {
    /// "UFR de médecine et d'odontologie".
    pub ufr_name: String,
    /// "Université de Picardie Jules Verne".
    pub university: String,
    /// Where the commission sits ("Amiens"), for letters and minutes.
    pub city: String,
    /// "2026-2027".
    pub academic_year: String,
    /// The disciplines the UFR teaches.
    pub disciplines: Vec<Discipline>,
    /// Deadline for dossiers, `YYYY-MM-DD` or `JJ/MM/AAAA`; empty when not set yet.
    pub dossier_deadline: String,
    /// The body that manages the contracts (CNG, or the authority named since 2025).
    pub managing_body: String,
    /// The year's contracts.
    pub quotas: Quotas,
}

impl CampaignSettings {
    /// Checks every field and returns the settings normalised (trimmed, deadline in ISO
    /// form, disciplines in canonical order), or every problem found.
    pub fn validated(&self) -> Result<CampaignSettings> {
        let mut issues = Vec::new();
        let mut out = self.clone();
        for (field, label, value) in [
            ("ufr_name", "Nom de l'UFR", &mut out.ufr_name),
            ("university", "Université", &mut out.university),
            ("city", "Ville", &mut out.city),
            (
                "managing_body",
                "Organisme gestionnaire",
                &mut out.managing_body,
            ),
        ] {
            *value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if value.is_empty() {
                issues.push(FieldIssue::new(
                    field,
                    format!("« {label} » est obligatoire : saisissez-le."),
                ));
            } else if value.chars().count() > 200 {
                issues.push(FieldIssue::new(
                    field,
                    format!("« {label} » est trop long (200 caractères au plus)."),
                ));
            }
        }
        out.academic_year = out.academic_year.trim().to_owned();
        if let Err(message) = check_academic_year(&out.academic_year) {
            issues.push(FieldIssue::new("academic_year", message));
        }
        let mut disciplines = Vec::new();
        for d in Discipline::ALL {
            if out.disciplines.contains(&d) {
                disciplines.push(d);
            }
        }
        if disciplines.is_empty() {
            issues.push(FieldIssue::new(
                "disciplines",
                "Cochez au moins une discipline (médecine ou odontologie).",
            ));
        }
        out.disciplines = disciplines;
        let deadline = out.dossier_deadline.trim().to_owned();
        let first_year: Option<i32> = out
            .academic_year
            .split_once('-')
            .and_then(|(a, _)| a.parse().ok())
            .filter(|_| check_academic_year(&out.academic_year).is_ok());
        out.dossier_deadline = if deadline.is_empty() {
            String::new()
        } else {
            match fr::parse_date(&deadline) {
                Some(d)
                    if first_year.is_some_and(|y| {
                        use chrono::Datelike;
                        d.year() < y || d.year() > y + 1
                    }) =>
                {
                    issues.push(FieldIssue::new(
                        "dossier_deadline",
                        format!(
                            "« Date limite de dépôt des dossiers » : le {} n'est pas dans l'année universitaire {} ; vérifiez l'année.",
                            fr::date_short(d),
                            out.academic_year
                        ),
                    ));
                    deadline
                }
                Some(d) => d.format("%Y-%m-%d").to_string(),
                None => {
                    issues.push(crate::typed_date::not_a_date(
                        "dossier_deadline",
                        "Date limite de dépôt des dossiers",
                        &deadline,
                    ));
                    deadline
                }
            }
        };
        for (category, discipline) in cells() {
            let n = out.quotas.get(category, discipline);
            if n < 0 {
                issues.push(FieldIssue::new(
                    format!("quotas.{}.{}", category.code(), discipline.code()),
                    format!(
                        "Le contingent « {} — {} » ne peut pas être négatif ({n}) : saisissez un nombre entier positif ou 0.",
                        category.label_plural(),
                        discipline.label()
                    ),
                ));
            } else if n > 10_000 {
                issues.push(FieldIssue::new(
                    format!("quotas.{}.{}", category.code(), discipline.code()),
                    format!(
                        "Le contingent « {} — {} » ({n}) est invraisemblable : vérifiez le chiffre de l'arrêté.",
                        category.label_plural(),
                        discipline.label()
                    ),
                ));
            }
        }
        if issues.is_empty() {
            Ok(out)
        } else {
            Err(Error::Validation(issues))
        }
    }

    /// The deadline as a date, when set.
    pub fn deadline(&self) -> Option<NaiveDate> {
        fr::parse_date(&self.dossier_deadline)
    }
}

/// The academic year `day` belongs to: "2026-2027" from September 2026 to August 2027.
pub fn academic_year_of(day: NaiveDate) -> String {
    let start = if day.month() >= 9 {
        day.year()
    } else {
        day.year() - 1
    };
    format!("{start}-{}", start + 1)
}

impl CampaignSettings {
    /// A blank campaign started on `today`, ready to fill in: its academic year, both
    /// disciplines, the CNG as managing body, every contingent at 0.
    pub fn blank(today: NaiveDate) -> CampaignSettings {
        CampaignSettings {
            ufr_name: String::new(),
            university: String::new(),
            city: String::new(),
            academic_year: academic_year_of(today),
            disciplines: vec![Discipline::Medicine, Discipline::Odontology],
            dossier_deadline: String::new(),
            managing_body: "Centre national de gestion (CNG)".to_owned(),
            quotas: Quotas::default(),
        }
    }
}

/// Checks "2025-2026": two consecutive years.
pub fn check_academic_year(text: &str) -> std::result::Result<(), String> {
    let bad = || {
        format!("« Année universitaire » : « {text} » n'est pas valide ; écrivez deux années qui se suivent, de 2009-2010 (création du CESP) à 2099-2100, comme 2026-2027.")
    };
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    if a.len() != 4 || b.len() != 4 {
        return Err(bad());
    }
    let (a, b): (i32, i32) = (a.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?);
    if b != a + 1 || !(2009..=2099).contains(&a) {
        return Err(bad());
    }
    Ok(())
}

/// The file a new campaign is created at: a campaign file is recognised by its
/// extension, added when the name has none.
pub fn file_path(path: &Path) -> std::path::PathBuf {
    if path.extension().is_none() {
        path.with_extension("cesp")
    } else {
        path.to_path_buf()
    }
}

/// An open campaign file and its use cases.
#[derive(Debug)]
pub struct Campaign {
    store: Store,
    /// Where to back up before destructive actions (none in tests and read-only views).
    backups: Option<crate::backup::Backups>,
}

impl Campaign {
    /// Creates a campaign file at `path` (which must not exist) with `settings`;
    /// `operator` is journaled.
    pub fn create(path: &Path, settings: &CampaignSettings, operator: &str) -> Result<Campaign> {
        Self::create_with(path, false, None, settings, operator)
    }

    /// Creates a campaign file, replacing an existing one when `replace` (the user chose
    /// to overwrite it in the save dialog; refused while it is open somewhere), encrypted
    /// from the start when `key` is given.
    pub fn create_with(
        path: &Path,
        replace: bool,
        key: Option<&Passphrase>,
        settings: &CampaignSettings,
        operator: &str,
    ) -> Result<Campaign> {
        Self::create_filled(path, replace, key, settings, operator, |_| Ok(None))
    }

    /// [`Campaign::create_with`], `fill` adding to the new file in the same transaction
    /// (and journaling what it added).
    pub(crate) fn create_filled(
        path: &Path,
        replace: bool,
        key: Option<&Passphrase>,
        settings: &CampaignSettings,
        operator: &str,
        fill: impl FnOnce(&Transaction) -> Result<Option<Entry>>,
    ) -> Result<Campaign> {
        let settings = settings.validated()?;
        let path = &file_path(path);
        let store = Store::create(path, replace, key, |tx| {
            write_settings(tx, &settings)?;
            journal::append(
                tx,
                operator,
                &Entry::new(
                    "campaign.create",
                    format!(
                        "Campagne créée : {} — {}{}.",
                        settings.ufr_name,
                        settings.academic_year,
                        if key.is_some() {
                            ", fichier chiffré par une phrase de passe"
                        } else {
                            ""
                        }
                    ),
                ),
            )?;
            if let Some(entry) = fill(tx)? {
                journal::append(tx, operator, &entry)?;
            }
            Ok(())
        })?;
        Ok(Campaign {
            store,
            backups: None,
        })
    }

    /// Opens an existing campaign file for writing.
    pub fn open(path: &Path) -> Result<Campaign> {
        Self::open_with(path, None)
    }

    /// Opens an existing campaign file for writing; an encrypted file needs `key`.
    pub fn open_with(path: &Path, key: Option<&Passphrase>) -> Result<Campaign> {
        Self::checked(path, Store::open(path, key)?)
    }

    /// Opens an existing campaign file for writing, first backing it up (before any
    /// upgrade of its format). An encrypted file needs its passphrase `key`; its
    /// backups are encrypted with it.
    pub fn open_backed_up(
        path: &Path,
        backups: &crate::backup::Backups,
        key: Option<&Passphrase>,
    ) -> Result<Campaign> {
        let store = Store::open_with(path, key, |conn, key| {
            let kept = conn
                .query_row("SELECT backups_kept FROM campaign WHERE id = 1", [], |r| {
                    r.get(0)
                })
                .unwrap_or(crate::backup::DEFAULT_KEPT);
            // Finish a change of passphrase interrupted before every backup followed.
            if key.is_some() {
                backups.rekey_all(path, None, key);
            }
            backups
                .take(conn, key, path, crate::backup::Reason::Opening, kept)
                .map(|_| ())
        })?;
        let mut campaign = Self::checked(path, store)?;
        campaign.backups = Some(backups.clone());
        Ok(campaign)
    }

    /// Backs up before a destructive action, when this campaign was opened with backups.
    pub fn safety_backup(&self, reason: crate::backup::Reason) -> Result<()> {
        match &self.backups {
            Some(b) => self.backup(b, reason).map(|_| ()),
            None => Ok(()),
        }
    }

    /// Opens an existing campaign file to read it only, even while it is open elsewhere.
    pub fn open_read_only(path: &Path) -> Result<Campaign> {
        Self::open_read_only_with(path, None)
    }

    /// Like [`Campaign::open_read_only`], for a file that may be encrypted with `key`.
    pub fn open_read_only_with(path: &Path, key: Option<&Passphrase>) -> Result<Campaign> {
        Self::checked(path, Store::open_read_only(path, key)?)
    }

    /// Another connection to the campaign open at `path` (with its `key`), to read it in
    /// the background while the window goes on writing: everything it reads is the
    /// campaign as it stood when it was opened (one read transaction, held until it is
    /// dropped), whatever is written meanwhile.
    pub fn open_reader(path: &Path, key: Option<&Passphrase>) -> Result<Campaign> {
        let campaign = Self::open_read_only_with(path, key)?;
        campaign.views().conn().execute_batch("BEGIN")?;
        // A read transaction starts with its first read: this one.
        campaign
            .views()
            .conn()
            .query_row("SELECT count(*) FROM campaign", [], |_| Ok(()))?;
        Ok(campaign)
    }

    /// Whether this campaign was opened to read only.
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// The file's schema version.
    pub fn schema_version(&self) -> Result<i64> {
        self.store.schema_version()
    }

    /// The passphrase of this campaign's file, when it is encrypted.
    pub fn passphrase(&self) -> Option<&Passphrase> {
        self.store.key()
    }

    /// Encrypts the campaign file with `new`, changes its passphrase, or (with `None`)
    /// decrypts it. When the file is encrypted, `current` must be its passphrase. The
    /// change is journaled in the converted file, and every backup follows (a plain
    /// backup must not stay beside an encrypted campaign).
    pub fn change_passphrase(
        &mut self,
        current: Option<&Passphrase>,
        new: Option<&Passphrase>,
        operator: &str,
    ) -> Result<()> {
        let old = self.passphrase().cloned();
        if let Some(old) = &old {
            if current != Some(old) {
                return Err(Error::Validation(vec![FieldIssue::new(
                    "current",
                    "La phrase de passe actuelle saisie n'est pas la bonne : retapez-la (majuscules, accents, espaces).",
                )]));
            }
        } else if new.is_none() {
            return Err(Error::Refused(
                Refusal::NotEncrypted,
                "Ce fichier n'est pas chiffré : il n'y a pas de chiffrement à retirer.".into(),
            ));
        }
        let summary = match (&old, new) {
            (None, _) => "Fichier chiffré par une phrase de passe.",
            (Some(_), Some(_)) => "Phrase de passe du fichier changée.",
            (Some(_), None) => "Chiffrement du fichier retiré.",
        };
        let action = if new.is_some() {
            "campaign.encrypt"
        } else {
            "campaign.decrypt"
        };
        self.store.rekey(new, |tx| {
            journal::append(tx, operator, &Entry::new(action, summary.to_owned()))
        })?;
        if let Some(backups) = &self.backups {
            backups.rekey_all(self.store.path(), old.as_ref(), new);
        }
        Ok(())
    }

    fn checked(path: &Path, store: Store) -> Result<Campaign> {
        // A file holding the schema but no campaign row was never finished: refuse it.
        let has: Option<i64> = store
            .conn()
            .query_row("SELECT id FROM campaign WHERE id = 1", [], |r| r.get(0))
            .optional()?;
        if has.is_none() {
            return Err(Error::NotACampaign {
                path: path.to_path_buf(),
                reason: "il ne contient aucune campagne".into(),
            });
        }
        Ok(Campaign {
            store,
            backups: None,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// Closes the file now (everything is already saved), reporting a failure to
    /// checkpoint it that dropping the campaign would hide.
    pub fn close(self) -> Result<()> {
        self.store.close()
    }

    /// The underlying store, for the other modules' use cases.
    pub fn store(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The store, to read the views it keeps ([`Store::view`]).
    pub(crate) fn views(&self) -> &Store {
        &self.store
    }

    /// Today, as the views that depend on the date are keyed ([`Store::view`]'s `extra`):
    /// a dossier's deadline passes, and the ranking and the lists follow the dossiers.
    pub(crate) fn today_key() -> i64 {
        chrono::Datelike::num_days_from_ce(&crate::clock::today()).into()
    }

    /// Read access.
    pub fn conn(&self) -> &Connection {
        self.store.conn()
    }

    /// The current settings.
    pub fn settings(&self) -> Result<CampaignSettings> {
        read_settings(self.conn())
    }

    /// Replaces the settings; journals each changed field with its value before and
    /// after. Returns the fields changed (none: nothing written).
    pub fn update_settings(
        &mut self,
        settings: &CampaignSettings,
        operator: &str,
    ) -> Result<Vec<Change>> {
        let new = settings.validated()?;
        self.store.write(operator, |tx| {
            let old = read_settings(tx)?;
            let changes = diff(&old, &new);
            if changes.is_empty() {
                return Ok((changes, None));
            }
            write_changed_settings(tx, &old, &new)?;
            let summary = format!(
                "Paramètres de la campagne modifiés : {}.",
                changes
                    .iter()
                    .map(|c| c.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let entry = Entry {
                action: "campaign.update".into(),
                summary,
                changes: changes.clone(),
                reference: None,
            };
            Ok((changes, Some(entry)))
        })
    }

    /// All candidates, sorted by name.
    pub fn candidates(&self) -> Result<Vec<CandidateRow>> {
        Ok(self.candidate_rows()?.as_ref().clone())
    }

    /// Every candidate's name and category, in the list's order: what the screens that
    /// choose a candidate show (a twentieth of [`Campaign::candidates`]).
    pub fn candidate_names(&self) -> Result<Vec<candidate::CandidateName>> {
        Ok(self
            .candidate_rows()?
            .iter()
            .map(|c| candidate::CandidateName {
                id: c.id,
                display_name: c.display_name.clone(),
                category_label: c.category_label.clone(),
            })
            .collect())
    }

    /// Every candidate, read once and kept until the candidates change ([`Store::view`]):
    /// the dossiers, the ranking and the allocation start from them.
    pub(crate) fn candidate_rows(&self) -> Result<std::sync::Arc<Vec<CandidateRow>>> {
        // A candidate added, changed or removed is read alone.
        self.views()
            .view_patched("candidates", 0, candidate::list, |conn, ids, list| {
                candidate::update_list(conn, list, ids)?;
                Ok(true)
            })
    }
}

/// The settings as the columns of `campaign` hold them.
fn settings_columns(s: &CampaignSettings) -> [(&'static str, Value); 7] {
    let text = |t: &str| Value::Text(t.to_owned());
    let disciplines = s
        .disciplines
        .iter()
        .map(|d| d.code())
        .collect::<Vec<_>>()
        .join(",");
    [
        ("ufr_name", text(&s.ufr_name)),
        ("university", text(&s.university)),
        ("city", text(&s.city)),
        ("academic_year", text(&s.academic_year)),
        ("disciplines", Value::Text(disciplines)),
        (
            "dossier_deadline",
            if s.dossier_deadline.is_empty() {
                Value::Null
            } else {
                text(&s.dossier_deadline)
            },
        ),
        ("managing_body", text(&s.managing_body)),
    ]
}

/// Writes the contracts of one category and discipline.
fn write_quota(
    tx: &Transaction,
    category: Category,
    discipline: Discipline,
    count: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO quota (category, discipline, count) VALUES (?1, ?2, ?3)
         ON CONFLICT (category, discipline) DO UPDATE SET count = excluded.count",
        params![category.code(), discipline.code(), count],
    )?;
    Ok(())
}

/// Writes the settings of a new campaign; `created_at` is set then.
fn write_settings(tx: &Transaction, s: &CampaignSettings) -> Result<()> {
    let columns = settings_columns(s);
    let names = columns.iter().map(|(name, _)| *name).collect::<Vec<_>>();
    tx.execute(
        &format!(
            "INSERT INTO campaign (id, {}, created_at) VALUES (1, {}, ?)",
            names.join(", "),
            vec!["?"; names.len()].join(", ")
        ),
        rusqlite::params_from_iter(columns.into_iter().map(|(_, v)| v).chain([Value::Text(
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        )])),
    )?;
    for (category, discipline) in cells() {
        write_quota(tx, category, discipline, s.quotas.get(category, discipline))?;
    }
    Ok(())
}

/// Writes what differs between the settings `old` and `new`, and only that: the views
/// that read the rest stay kept (the dossiers read the deadline, not the UFR's name).
fn write_changed_settings(
    tx: &Transaction,
    old: &CampaignSettings,
    new: &CampaignSettings,
) -> Result<()> {
    for ((column, was), (_, now)) in settings_columns(old).into_iter().zip(settings_columns(new)) {
        if was != now {
            tx.execute(
                &format!("UPDATE campaign SET {column} = ?1 WHERE id = 1"),
                [now],
            )?;
        }
    }
    for (category, discipline) in cells() {
        let count = new.quotas.get(category, discipline);
        if old.quotas.get(category, discipline) != count {
            write_quota(tx, category, discipline, count)?;
        }
    }
    Ok(())
}

/// The settings, read from a connection (for other modules' use cases).
pub(crate) fn read_settings_conn(conn: &Connection) -> Result<CampaignSettings> {
    read_settings(conn)
}

pub(crate) fn read_settings(conn: &Connection) -> Result<CampaignSettings> {
    let mut settings = conn.query_row(
        "SELECT ufr_name, university, city, academic_year, disciplines, dossier_deadline, managing_body FROM campaign WHERE id = 1",
        [],
        |r| {
            let disciplines: String = r.get(4)?;
            Ok(CampaignSettings {
                ufr_name: r.get(0)?,
                university: r.get(1)?,
                city: r.get(2)?,
                academic_year: r.get(3)?,
                disciplines: disciplines
                    .split(',')
                    .filter_map(Discipline::from_code)
                    .collect(),
                dossier_deadline: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                managing_body: r.get(6)?,
                quotas: Quotas::default(),
            })
        },
    )?;
    let mut stmt = conn.prepare("SELECT category, discipline, count FROM quota")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let c: String = r.get(0)?;
        let d: String = r.get(1)?;
        if let (Some(c), Some(d)) = (Category::from_code(&c), Discipline::from_code(&d)) {
            *settings.quotas.get_mut(c, d) = r.get(2)?;
        }
    }
    Ok(settings)
}

fn diff(old: &CampaignSettings, new: &CampaignSettings) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut push = |field: &str, before: String, after: String| {
        changes.extend(Change::between(field, before, after));
    };
    push("Nom de l'UFR", old.ufr_name.clone(), new.ufr_name.clone());
    push("Université", old.university.clone(), new.university.clone());
    push("Ville de la commission", old.city.clone(), new.city.clone());
    push(
        "Année universitaire",
        old.academic_year.clone(),
        new.academic_year.clone(),
    );
    let disc = |s: &CampaignSettings| {
        s.disciplines
            .iter()
            .map(|d| d.label())
            .collect::<Vec<_>>()
            .join(", ")
    };
    push("Disciplines", disc(old), disc(new));
    let deadline = |s: &CampaignSettings| s.deadline().map(fr::date_short).unwrap_or_default();
    push(
        "Date limite de dépôt des dossiers",
        deadline(old),
        deadline(new),
    );
    push(
        "Organisme gestionnaire",
        old.managing_body.clone(),
        new.managing_body.clone(),
    );
    for (c, d) in cells() {
        push(
            &format!("Contingent {}", crate::candidate::group_label(c, d)),
            old.quotas.get(c, d).to_string(),
            new.quotas.get(c, d).to_string(),
        );
    }
    changes
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_academic_year_turns_in_september() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(academic_year_of(day(2026, 11, 22)), "2026-2027");
        assert_eq!(academic_year_of(day(2027, 1, 16)), "2026-2027");
        assert_eq!(academic_year_of(day(2027, 8, 31)), "2026-2027");
        assert_eq!(academic_year_of(day(2027, 9, 1)), "2027-2028");
        let blank = CampaignSettings::blank(day(2026, 12, 2));
        assert_eq!(blank.academic_year, "2026-2027");
        assert_eq!(blank.quotas.total(), 0);
        assert_eq!(blank.managing_body, "Centre national de gestion (CNG)");
    }

    use super::*;

    pub(crate) fn sample() -> CampaignSettings {
        CampaignSettings {
            ufr_name: "UFR de médecine".into(),
            university: "Université de Picardie Jules Verne".into(),
            city: "Amiens".into(),
            academic_year: "2026-2027".into(),
            disciplines: vec![Discipline::Odontology, Discipline::Medicine],
            dossier_deadline: "01/12/2026".into(),
            managing_body: "Centre national de gestion".into(),
            quotas: Quotas {
                student: DisciplineQuota {
                    medicine: 10,
                    odontology: 2,
                },
                intern: DisciplineQuota {
                    medicine: 8,
                    odontology: 1,
                },
                padhue: DisciplineQuota::default(),
            },
        }
    }

    #[test]
    fn validation_normalises() {
        let mut s = sample();
        s.ufr_name = "  UFR   de médecine ".into();
        let v = s.validated().unwrap();
        assert_eq!(v.ufr_name, "UFR de médecine");
        assert_eq!(v.dossier_deadline, "2026-12-01");
        assert_eq!(
            v.disciplines,
            vec![Discipline::Medicine, Discipline::Odontology]
        );
    }

    #[test]
    fn validation_reports_every_bad_field() {
        let mut s = sample();
        s.academic_year = "2026/27".into();
        s.ufr_name = " ".into();
        s.quotas.intern.odontology = -1;
        s.disciplines.clear();
        s.dossier_deadline = "31/02/2026".into();
        let Err(Error::Validation(issues)) = s.validated() else {
            panic!("expected a validation error")
        };
        let fields: Vec<_> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "ufr_name",
                "academic_year",
                "disciplines",
                "dossier_deadline",
                "quotas.intern.odontology"
            ]
        );
        assert!(
            issues[4].message.contains("Internes — odontologie"),
            "{}",
            issues[4].message
        );
        assert!(issues[1].message.contains("2026-2027"));
    }

    #[test]
    fn academic_years_must_follow_each_other() {
        assert!(check_academic_year("2025-2026").is_ok());
        assert!(check_academic_year("2025-2027").is_err());
        assert!(check_academic_year("25-26").is_err());
        assert!(check_academic_year("abcd-efgh").is_err());
    }
}
