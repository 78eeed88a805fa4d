//! Hand edits in the candidates table: the same rules as an import, journaled with the
//! value before and after. A deletion returns what it removed so the UI can undo it.

use crate::Refusal;
use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::fields::Field;
use super::read::Cell;
use super::values::{self, Context, Value};
use crate::campaign::Campaign;
use crate::candidate::{self, CandidateData, CandidateRow, Category, Discipline};
use crate::error::{Error, FieldIssue, Result};
use crate::journal::{Change, Entry};

/// A candidate removed by hand, kept by the UI to undo the removal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeletedCandidate {
    /// Its identifier, given back on restore.
    pub id: i64,
    /// Its data.
    pub data: CandidateData,
    /// What it last received from a file (JSON).
    pub imported: Option<String>,
    /// The import that created it.
    pub import_batch: Option<i64>,
}

/// One field typed by the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldInput {
    /// The field.
    pub field: Field,
    /// What was typed.
    pub text: String,
}

fn context() -> Context {
    Context {
        today: crate::clock::today(),
        date1904: false,
    }
}

fn parse_input(field: Field, text: &str) -> std::result::Result<Value, FieldIssue> {
    values::parse(field, &Cell::Text(text.into()), &context()).map_err(|reason| {
        FieldIssue::new(field.code(), format!("« {} » : {reason}.", field.label()))
    })
}

fn check_mandatory(data: &CandidateData, disciplines: &[Discipline]) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    if data.last_name.is_empty() {
        issues.push(FieldIssue::new(
            "last_name",
            "« Nom » est obligatoire : saisissez-le.",
        ));
    }
    if data.first_names.is_empty() {
        issues.push(FieldIssue::new(
            "first_names",
            "« Prénom(s) » est obligatoire : saisissez-le.",
        ));
    }
    if data.category.is_none() {
        issues.push(FieldIssue::new(
            "category",
            "« Catégorie » est obligatoire : Étudiant, Interne ou PADHUE.",
        ));
    }
    match data.discipline {
        None => issues.push(FieldIssue::new("discipline", "« Discipline » est obligatoire : Médecine ou Odontologie.")),
        Some(d) if !disciplines.contains(&d) => issues.push(FieldIssue::new(
            "discipline",
            format!("La campagne ne comprend pas la discipline « {} » : ajoutez-la dans les paramètres ou choisissez l'autre.", d.label()),
        )),
        Some(_) => {}
    }
    issues
}

impl Campaign {
    /// Sets one field of candidate `id` from what the user typed.
    pub fn set_candidate_field(
        &mut self,
        id: i64,
        field: Field,
        text: &str,
        operator: &str,
    ) -> Result<CandidateRow> {
        let disciplines = self.settings()?.disciplines;
        let value = parse_input(field, text).map_err(|i| Error::Validation(vec![i]))?;
        self.store().write(operator, |tx| {
            let row = candidate::get(tx, id)?;
            let mut data = row.data.clone();
            values::set(&mut data, field, value);
            let issues = check_mandatory(&data, &disciplines);
            if let Some(issue) = issues.into_iter().find(|i| i.field == field.code()) {
                return Err(Error::Validation(vec![issue]));
            }
            let before = values::show(&row.data, field);
            let after = values::show(&data, field);
            if before == after
                && !(field == Field::NationalRank && row.data.cohort_size != data.cohort_size)
            {
                return Ok((row, None));
            }
            candidate::update_data(tx, id, &data)?;
            let updated = candidate::get(tx, id)?;
            let entry = Entry {
                action: "candidate.update".into(),
                summary: format!(
                    "Candidat {} modifié : {}.",
                    updated.display_name,
                    field.label()
                ),
                changes: vec![Change {
                    field: field.label().to_owned(),
                    before,
                    after,
                }],
                reference: None,
            };
            Ok((updated, Some(entry)))
        })
    }

    /// Adds a candidate typed by hand.
    pub fn add_candidate(&mut self, inputs: &[FieldInput], operator: &str) -> Result<CandidateRow> {
        let disciplines = self.settings()?.disciplines;
        let mut data = CandidateData::default();
        let mut issues = Vec::new();
        for input in inputs {
            match parse_input(input.field, &input.text) {
                Ok(v) => values::set(&mut data, input.field, v),
                Err(i) => issues.push(i),
            }
        }
        if data.discipline.is_none() {
            if let [only] = disciplines.as_slice() {
                data.discipline = Some(*only);
            }
        }
        for i in check_mandatory(&data, &disciplines) {
            if !issues.iter().any(|j| j.field == i.field) {
                issues.push(i);
            }
        }
        if !issues.is_empty() {
            return Err(Error::Validation(issues));
        }
        self.store().write(operator, |tx| {
            let id = candidate::insert(
                tx,
                data.category.unwrap_or(Category::Student),
                data.discipline.unwrap_or(Discipline::Medicine),
                &data,
            )?;
            let row = candidate::get(tx, id)?;
            let summary = format!(
                "Candidat ajouté à la main : {} ({}).",
                row.display_name, row.category_label
            );
            Ok((row, Some(Entry::new("candidate.add", summary))))
        })
    }

    /// Deletes candidates; returns them so that the deletion can be undone.
    pub fn delete_candidates(
        &mut self,
        ids: &[i64],
        operator: &str,
    ) -> Result<Vec<DeletedCandidate>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.store().write(operator, |tx| {
            let mut out = Vec::new();
            for &id in ids {
                candidate::check_removable(tx, id)?;
                let row = candidate::get(tx, id)?;
                let (imported, import_batch): (Option<String>, Option<i64>) = tx.query_row(
                    "SELECT imported, import_batch FROM candidate WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                tx.execute("DELETE FROM candidate WHERE id = ?1", [id])?;
                out.push(DeletedCandidate {
                    id,
                    data: row.data,
                    imported,
                    import_batch,
                });
            }
            let names: Vec<String> = out
                .iter()
                .take(5)
                .map(|d| format!("{} {}", d.data.last_name, d.data.first_names))
                .collect();
            let summary = format!(
                "{} : {}{}.",
                crate::fr::count(out.len(), "candidat supprimé", "candidats supprimés"),
                names.join(", "),
                if out.len() > 5 { "…" } else { "" }
            );
            Ok((out, Some(Entry::new("candidate.delete", summary))))
        })
    }

    /// Puts back candidates removed by [`Campaign::delete_candidates`].
    pub fn restore_candidates(
        &mut self,
        deleted: &[DeletedCandidate],
        operator: &str,
    ) -> Result<usize> {
        self.store().write(operator, |tx| {
            for d in deleted {
                let exists: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM candidate WHERE id = ?1)",
                    [d.id],
                    |r| r.get(0),
                )?;
                if exists {
                    return Err(Error::Refused(
                        Refusal::CandidateAlreadyPresent,
                        format!(
                            "Le candidat {} {} est déjà présent : rien n'a été restauré.",
                            d.data.last_name, d.data.first_names
                        ),
                    ));
                }
                let new_id = candidate::insert(
                    tx,
                    d.data.category.unwrap_or(Category::Student),
                    d.data.discipline.unwrap_or(Discipline::Medicine),
                    &d.data,
                )?;
                tx.execute(
                    "UPDATE candidate SET id = ?1, imported = ?2, import_batch = ?3 WHERE id = ?4",
                    params![d.id, d.imported, d.import_batch, new_id],
                )?;
            }
            let summary = format!(
                "Suppression annulée : {}.",
                crate::fr::count(deleted.len(), "candidat restauré", "candidats restaurés")
            );
            Ok((
                deleted.len(),
                Some(Entry::new("candidate.restore", summary)),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_candidate_form_asks_for_every_mandatory_field() {
        let issues = check_mandatory(&CandidateData::default(), &[Discipline::Medicine]);
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        let mandatory: Vec<&str> = super::super::fields::MANDATORY
            .iter()
            .map(|f| f.code())
            .collect();
        assert_eq!(fields, mandatory);
    }
}
