//! Importing candidate spreadsheets: read the file, find the header row, map its columns
//! to fields, check every value, compare with the candidates already in the campaign, and
//! show all that as a preview; then apply it in one transaction, or undo a whole import.

mod analysis;
pub mod edit;
pub mod export;
pub mod fields;
pub mod read;
pub mod values;

use crate::Refusal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::campaign::Campaign;
use crate::candidate::{self, CandidateData, Category, Discipline};
use crate::error::{Error, FieldIssue, Result};
use crate::journal::Entry;
use analysis::{Known, Op, Run, Source};
use fields::Field;
use read::{Cell, Meta, Row, Table};

/// What to import and how.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOptions {
    /// The sheet of a workbook (default: the first non-empty one).
    pub sheet: Option<String>,
    /// The header row, as the spreadsheet numbers it (default: detected).
    pub header_row: Option<u32>,
    /// The field of each column, from column A (default: recognised from the headers).
    pub mapping: Option<Vec<Option<Field>>>,
    /// A saved mapping to apply to the file's headers (after `mapping`, if both).
    pub template: Option<fields::MappingTemplate>,
    /// How to settle fields the user edited in the app and the file changes.
    pub resolutions: Vec<Resolution>,
    /// Settle every conflict without a resolution by taking the file's value (default:
    /// keep what was edited in the app).
    pub prefer_file: bool,
}

/// The user's choice for one conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Resolution {
    /// The candidate.
    pub candidate_id: i64,
    /// The field.
    pub field: Field,
    /// Take the file's value (otherwise the value edited in the app is kept).
    pub take_file: bool,
}

/// One column of the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Column {
    /// From 0.
    pub index: u32,
    /// "A", "B"... "AA".
    pub letter: String,
    /// The header text.
    pub header: String,
    /// The field it fills, if any.
    pub field: Option<Field>,
    /// A few values from the first rows.
    pub samples: Vec<String>,
}

/// Counts of the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Counts {
    /// Data rows read (blank rows excluded).
    pub rows: u32,
    /// Candidates to create.
    pub create: u32,
    /// Candidates to update.
    pub update: u32,
    /// Rows identical to the candidate already known.
    pub unchanged: u32,
    /// Fields in conflict with an edit made in the app.
    pub conflicts: u32,
    /// Rows rejected.
    pub rejected_rows: u32,
    /// Blank rows skipped.
    pub blank: u32,
}

/// A candidate the import would create.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Created {
    /// The file's row.
    pub row: u32,
    /// "LEFÈVRE Zoé".
    pub name: String,
    /// "Étudiant — médecine".
    pub category_label: String,
}

/// One field that changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldChange {
    /// The field.
    pub field: Field,
    /// Its label.
    pub label: String,
    /// Value in the campaign.
    pub before: String,
    /// Value in the file.
    pub after: String,
}

/// A candidate the import would update.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Updated {
    /// The file's row.
    pub row: u32,
    /// The candidate.
    pub candidate_id: i64,
    /// "LEFÈVRE Zoé".
    pub name: String,
    /// What changes.
    pub changes: Vec<FieldChange>,
}

/// A field edited in the app that the file would change: the user chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Conflict {
    /// The file's row.
    pub row: u32,
    /// The candidate.
    pub candidate_id: i64,
    /// "LEFÈVRE Zoé".
    pub name: String,
    /// The field.
    pub field: Field,
    /// Its label.
    pub label: String,
    /// The value edited in the app.
    pub in_app: String,
    /// The value in the file.
    pub in_file: String,
    /// Whether the user chose the file's value.
    pub take_file: bool,
}

/// One problem that rejects a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Rejection {
    /// The spreadsheet's own row number.
    pub row: u32,
    /// The column letter ("C"), empty when the problem is the whole row.
    pub column: String,
    /// The column's header.
    pub header: String,
    /// The value found.
    pub value: String,
    /// Why, in French.
    pub reason: String,
}

/// What an import would do (or did).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Preview {
    /// The file's name.
    pub file_name: String,
    /// "Excel (xlsx)"...
    pub format: String,
    /// The workbook's sheets.
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: Option<String>,
    /// The header row (spreadsheet numbering).
    pub header_row: u32,
    /// The columns and their mapping.
    pub columns: Vec<Column>,
    /// Mandatory fields no column fills, as French sentences; non-empty means nothing can
    /// be imported.
    pub missing: Vec<String>,
    /// The counts.
    pub counts: Counts,
    /// Candidates to create (at most `limit` listed).
    pub creates: Vec<Created>,
    /// Candidates to update (at most `limit` listed).
    pub updates: Vec<Updated>,
    /// Conflicts (all listed: the user settles each).
    pub conflicts: Vec<Conflict>,
    /// Problems (at most `limit` listed).
    pub rejected: Vec<Rejection>,
    /// Whether lists were cut to `limit`.
    pub truncated: bool,
}

/// Progress of a long import, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Progress {
    /// Rows done.
    pub done: u32,
    /// Rows in all.
    pub total: u32,
}

/// A past import, for the history and undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportBatch {
    /// Identifier.
    pub id: i64,
    /// When (French).
    pub at_display: String,
    /// Who.
    pub operator: String,
    /// The file's name.
    pub file_name: String,
    /// Candidates created.
    pub created: i64,
    /// Candidates updated.
    pub updated: i64,
    /// Rows rejected.
    pub rejected: i64,
    /// When it was undone (French), if it was.
    pub undone_display: Option<String>,
    /// Whether it can be undone now (the latest import not yet undone).
    pub can_undo: bool,
}

/// What was applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Applied {
    /// The batch recorded (none when nothing changed).
    pub batch_id: Option<i64>,
    /// The preview that was applied.
    pub preview: Preview,
}

/// The spreadsheet letter of column `i` (0 -> "A", 26 -> "AA").
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The row most likely to hold the headers: the one among the first rows whose cells name
/// the most fields.
pub fn detect_header(rows: &[read::Row]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().take(read::HEAD_ROWS).enumerate() {
        let n = row
            .cells
            .iter()
            .filter(|c| matches!(c, Cell::Text(t) if fields::recognise(t).is_some()))
            .count();
        if n >= 2 && best.is_none_or(|(_, b)| n > b) {
            best = Some((i, n));
        }
    }
    best.map(|(i, _)| i)
}

/// The campaign's candidates, by name.
type Candidates = std::sync::Arc<Vec<candidate::CandidateRow>>;

/// The campaign's `candidates` (by name), with what the file said when each was last
/// imported.
fn load_known(
    conn: &Connection,
    candidates: Candidates,
    disciplines: &[Discipline],
) -> Result<Known> {
    let mut stmt = conn.prepare("SELECT id, imported FROM candidate WHERE imported IS NOT NULL")?;
    let imported = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Known {
        disciplines: disciplines.to_vec(),
        candidates,
        imported,
        today: crate::clock::today(),
    })
}

/// What the reading thread hands over.
enum Chunk {
    /// What the file is, before its rows.
    Meta(Meta),
    /// The next rows.
    Rows(Vec<Row>),
    /// The file could not be read (on).
    Failed(read::Unreadable),
}

/// The rows received from the reading thread, one by one.
struct Received {
    from: std::sync::mpsc::Receiver<Chunk>,
    batch: std::vec::IntoIter<Row>,
}

impl Iterator for Received {
    type Item = std::result::Result<Row, read::Unreadable>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.batch.next() {
                return Some(Ok(row));
            }
            match self.from.recv() {
                Ok(Chunk::Rows(rows)) => self.batch = rows.into_iter(),
                Ok(Chunk::Failed(reason)) => return Some(Err(reason)),
                Ok(Chunk::Meta(_)) => {}
                Err(_) => return None,
            }
        }
    }
}

/// Analyses the file `bytes`, read from `path`, against `conn`'s candidates. The file is
/// read in a thread of its own while the rows already read are analysed here (and, for an
/// import, written), so that the whole takes about as long as reading the file does.
fn analyse_bytes(
    conn: &Connection,
    candidates: impl FnOnce() -> Result<Candidates>,
    path: &Path,
    bytes: &[u8],
    options: &ImportOptions,
    disciplines: &[Discipline],
    run: Run,
) -> Result<Preview> {
    let unreadable = |reason: String| Error::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    std::thread::scope(|scope| {
        // A few batches ahead at most: memory stays bounded whatever the file's size.
        let (send, from) = std::sync::mpsc::sync_channel::<Chunk>(4);
        let sheet = options.sheet.as_deref();
        scope.spawn(move || {
            let read = read::stream_bytes(
                bytes,
                sheet,
                &mut |meta| {
                    let _ = send.send(Chunk::Meta(meta));
                },
                &mut |rows| send.send(Chunk::Rows(rows)).is_ok(),
            );
            if let Err(reason) = read {
                let _ = send.send(Chunk::Failed(reason));
            }
        });
        let known = load_known(conn, candidates()?, disciplines)?;
        let meta = match from.recv() {
            Ok(Chunk::Meta(meta)) => meta,
            Ok(Chunk::Failed(reason)) => return Err(unreadable(reason)),
            _ => return Err(unreadable(read::DAMAGED.into())),
        };
        let mut rows = Received {
            from,
            batch: Vec::new().into_iter(),
        };
        let Run {
            limit,
            progress,
            cancel,
            sink,
        } = run;
        // The rows as they come, analysed under `run`.
        let analyse = move |run: Run| {
            analysis::analyse(
                path,
                Source {
                    meta,
                    rows: &mut rows,
                },
                options,
                &known,
                run,
            )
        };
        let Some(sink) = sink else {
            // A preview: the rows are analysed here while the file is being read.
            return analyse(Run {
                limit,
                progress,
                cancel,
                sink: None,
            });
        };
        // An import: the rows are analysed in a thread of their own too, and their writes
        // made here, where the transaction is, as they come.
        let (step, steps) = std::sync::mpsc::sync_channel::<Step>(256);
        let analysis = scope.spawn(move || {
            analyse(Run {
                limit,
                progress: &mut |p| {
                    let _ = step.send(Step::Progress(p));
                },
                cancel,
                sink: Some(&mut |op| step.send(Step::Op(op)).map_err(|_| Error::Cancelled)),
            })
        });
        let mut failed = None;
        while let Ok(next) = steps.recv() {
            match next {
                Step::Op(op) => {
                    if let Err(e) = sink(op) {
                        failed = Some(e);
                        break;
                    }
                }
                Step::Progress(p) => progress(p),
            }
        }
        // A write that failed stops the analysis: its next step finds no one to take it.
        drop(steps);
        let analysed = analysis
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match failed {
            Some(e) => Err(e),
            None => analysed,
        }
    })
}

/// What the analysing thread hands to the one that writes. Nearly every step is a write:
/// boxing it would cost an allocation per row for nothing.
#[allow(clippy::large_enum_variant)]
enum Step {
    /// A write to make.
    Op(Op),
    /// How far the analysis is.
    Progress(Progress),
}

/// Analyses `table`, read from `path`, against `conn`'s candidates.
fn analyse_table(
    conn: &Connection,
    candidates: Candidates,
    path: &Path,
    table: Table,
    options: &ImportOptions,
    disciplines: &[Discipline],
    run: Run,
) -> Result<Preview> {
    let known = load_known(conn, candidates, disciplines)?;
    let (meta, mut rows) = table.rows_source();
    analysis::analyse(
        path,
        Source {
            meta,
            rows: &mut rows,
        },
        options,
        &known,
        run,
    )
}

/// The file's content, refused in French when it cannot be read.
fn load(path: &Path) -> Result<Vec<u8>> {
    read::load(path).map_err(|reason| Error::Unreadable {
        path: path.to_path_buf(),
        reason,
    })
}

impl Campaign {
    /// What importing `path` would do; nothing is written. Lists are cut to `limit`.
    pub fn preview_import(
        &self,
        path: &Path,
        options: &ImportOptions,
        limit: usize,
        progress: &mut dyn FnMut(Progress),
        cancel: &AtomicBool,
    ) -> Result<Preview> {
        let disciplines = self.settings()?.disciplines;
        let bytes = load(path)?;
        analyse_bytes(
            self.conn(),
            || self.candidate_rows(),
            path,
            &bytes,
            options,
            &disciplines,
            Run {
                limit,
                progress,
                cancel,
                sink: None,
            },
        )
    }

    /// Imports `path`: the valid rows land in one transaction, the rejected ones are
    /// listed. Refused (nothing written) when a mandatory field has no column.
    pub fn import(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        operator: &str,
        limit: usize,
        progress: &mut dyn FnMut(Progress),
        cancel: &AtomicBool,
    ) -> Result<Applied> {
        let disciplines = self.settings()?.disciplines;
        let bytes = load(path)?;
        let sha = crate::journal::hex(&Sha256::digest(&bytes));
        self.safety_backup(crate::backup::Reason::BeforeImport)?;
        // Room for every page a large import changes: with SQLite's default cache (2 MB),
        // the pages of the indexes would be written to the log again and again.
        let cache: i64 = self
            .conn()
            .pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.conn().pragma_update(None, "cache_size", -65536)?;
        let applied = self.store().write(operator, |tx| {
            // Each row's write is made as soon as the row is analysed, in this transaction:
            // nothing lands unless the whole file does.
            let mut writer = Writer {
                tx,
                batch: None,
                created: Vec::with_capacity(candidate::INSERT_ROWS),
                operator,
                sha: &sha,
            };
            let preview = analyse_bytes(
                tx,
                || Ok(std::sync::Arc::new(candidate::list(tx)?)),
                path,
                &bytes,
                options,
                &disciplines,
                Run {
                    limit,
                    progress,
                    cancel,
                    sink: Some(&mut |op| writer.write(op)),
                },
            )?;
            if !preview.missing.is_empty() {
                return Err(Error::Validation(
                    preview
                        .missing
                        .iter()
                        .map(|m| FieldIssue::new("mapping", m.clone()))
                        .collect(),
                ));
            }
            let Some(batch) = writer.finish()? else {
                return Ok((
                    Applied {
                        batch_id: None,
                        preview,
                    },
                    None,
                ));
            };
            if cancel.load(Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            let mapping: Vec<Option<&str>> = preview
                .columns
                .iter()
                .map(|c| c.field.map(Field::code))
                .collect();
            tx.execute(
                "UPDATE import_batch SET file_name = ?2, sheet = ?3, mapping = ?4, created = ?5, updated = ?6, rejected = ?7
                 WHERE id = ?1",
                params![
                    batch,
                    preview.file_name,
                    preview.sheet,
                    serde_json::to_string(&mapping).unwrap_or_default(),
                    preview.counts.create,
                    preview.counts.update,
                    preview.counts.rejected_rows,
                ],
            )?;
            let summary = format!(
                "Import de « {} »{} : {}, {} mis à jour, {}.",
                preview.file_name,
                preview
                    .sheet
                    .as_ref()
                    .map(|s| format!(" (feuille « {s} »)"))
                    .unwrap_or_default(),
                crate::fr::count(preview.counts.create, "candidat créé", "candidats créés"),
                crate::fr::integer(preview.counts.update),
                crate::fr::count(preview.counts.rejected_rows, "ligne rejetée", "lignes rejetées")
            );
            // The choices made on conflicts are part of the decision: journal them.
            let changes = preview
                .conflicts
                .iter()
                .map(|k| crate::journal::Change {
                    field: format!("{} — {} (conflit)", k.name, k.label),
                    before: k.in_app.clone(),
                    after: if k.take_file {
                        format!("{} (valeur du fichier retenue)", k.in_file)
                    } else {
                        format!("{} (valeur de l'application conservée ; le fichier disait « {} »)", k.in_app, k.in_file)
                    },
                })
                .collect();
            Ok((
                Applied {
                    batch_id: Some(batch),
                    preview,
                },
                Some(Entry {
                    reference: Some(batch),
                    changes,
                    ..Entry::new("import.apply", summary)
                }),
            ))
        });
        self.conn().pragma_update(None, "cache_size", cache)?;
        applied
    }

    /// The imports of this campaign, newest first.
    pub fn imports(&self) -> Result<Vec<ImportBatch>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, at, operator, file_name, created, updated, rejected, undone_at
             FROM import_batch ORDER BY id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ImportBatch {
                id: r.get(0)?,
                at_display: crate::fr::timestamp(&r.get::<_, String>(1)?),
                operator: r.get(2)?,
                file_name: r.get(3)?,
                created: r.get(4)?,
                updated: r.get(5)?,
                rejected: r.get(6)?,
                undone_display: r
                    .get::<_, Option<String>>(7)?
                    .map(|t| crate::fr::timestamp(&t)),
                can_undo: false,
            })
        })?;
        let mut list: Vec<ImportBatch> = rows.collect::<rusqlite::Result<_>>()?;
        if let Some(latest) = list.iter_mut().find(|b| b.undone_display.is_none()) {
            latest.can_undo = true;
        }
        Ok(list)
    }

    /// Undoes import `batch`: its candidates are removed and the candidates it updated get
    /// their earlier values back. Only the latest import not yet undone can be undone.
    pub fn undo_import(&mut self, batch: i64, operator: &str) -> Result<i64> {
        self.safety_backup(crate::backup::Reason::BeforeUndoImport)?;
        self.store().write(operator, |tx| {
            let row: Option<(String, Option<String>)> = tx
                .query_row(
                    "SELECT file_name, undone_at FROM import_batch WHERE id = ?1",
                    [batch],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((file, undone)) = row else {
                return Err(Error::Missing {
                    what: format!("L'import n° {batch}"),
                });
            };
            if undone.is_some() {
                return Err(Error::Refused(Refusal::ImportAlreadyUndone, format!(
                    "L'import de « {file} » a déjà été annulé."
                )));
            }
            let later: Option<String> = tx
                .query_row(
                    "SELECT file_name FROM import_batch WHERE id > ?1 AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
                    [batch],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(later) = later {
                return Err(Error::Refused(Refusal::LaterImportDepends, format!(
                    "Un import plus récent (« {later} ») dépend peut-être de celui-ci : annulez d'abord l'import de « {later} »."
                )));
            }
            let created: Vec<i64> = {
                let mut stmt = tx.prepare("SELECT id FROM candidate WHERE import_batch = ?1")?;
                let rows = stmt.query_map([batch], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for id in created {
                candidate::check_removable(tx, id).map_err(|e| {
                    Error::Refused(Refusal::ImportNotUndoable, format!("Cet import ne peut plus être annulé : {e}"))
                })?;
            }
            let removed = tx.execute("DELETE FROM candidate WHERE import_batch = ?1", [batch])?;
            let mut stmt = tx.prepare(
                "SELECT candidate, before_data, before_imported FROM import_change WHERE batch = ?1",
            )?;
            let changes: Vec<(i64, String, Option<String>)> = stmt
                .query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            drop(stmt);
            let mut restored = 0;
            for (id, data, imported) in changes {
                let data: CandidateData = serde_json::from_str(&data).map_err(|e| {
                    Error::Refused(Refusal::ImportHistoryUnreadable, format!("L'historique de l'import est illisible ({e}) : l'annulation est impossible."))
                })?;
                // Count only the candidates whose data the undo really changes (an import
                // may also just remember what the file said).
                let differs = candidate::get(tx, id).is_ok_and(|now| now.data != data);
                // A candidate deleted by hand since then stays deleted.
                if candidate::update_data(tx, id, &data).is_ok() {
                    tx.execute(
                        "UPDATE candidate SET imported = ?2 WHERE id = ?1",
                        params![id, imported],
                    )?;
                    if differs {
                        restored += 1;
                    }
                }
            }
            tx.execute(
                "UPDATE import_batch SET undone_at = ?2 WHERE id = ?1",
                params![batch, now()],
            )?;
            let summary = format!(
                "Import de « {file} » annulé : {}, {restored} remis dans {} précédent.",
                crate::fr::count(removed, "candidat retiré", "candidats retirés"),
                crate::fr::agree(restored, "son état", "leur état")
            );
            Ok((removed as i64, Some(Entry::new("import.undo", summary))))
        })
    }
}

/// Makes an import's writes as its rows are analysed; the batch is recorded at the first.
struct Writer<'a> {
    tx: &'a Transaction<'a>,
    /// The import's batch, once a write was made.
    batch: Option<i64>,
    /// Candidates to create, inserted many at a time.
    created: Vec<candidate::ImportedRow>,
    operator: &'a str,
    sha: &'a str,
}

impl Writer<'_> {
    fn write(&mut self, op: Op) -> Result<()> {
        let tx = self.tx;
        let batch = match self.batch {
            Some(batch) => batch,
            None => {
                // Its name, sheet, mapping and counts are known at the end.
                tx.execute(
                    "INSERT INTO import_batch (at, operator, file_name, file_sha256, sheet, mapping, created, updated, rejected)
                     VALUES (?1, ?2, '', ?3, NULL, '[]', 0, 0, 0)",
                    params![now(), self.operator, self.sha],
                )?;
                *self.batch.insert(tx.last_insert_rowid())
            }
        };
        match op {
            Op::Create(data, given) => {
                self.created.push((
                    data.category.unwrap_or(Category::Student),
                    data.discipline.unwrap_or(Discipline::Medicine),
                    data,
                    given,
                ));
                if self.created.len() == candidate::INSERT_ROWS {
                    self.flush(batch)?;
                }
            }
            Op::Update(id, data, imported) => {
                self.flush(batch)?;
                let before = candidate::get(tx, id)?;
                let before_imported: Option<String> =
                    tx.query_row("SELECT imported FROM candidate WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
                tx.execute(
                    "INSERT INTO import_change (batch, candidate, before_data, before_imported) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        batch,
                        id,
                        serde_json::to_string(&before.data).unwrap_or_default(),
                        before_imported
                    ],
                )?;
                candidate::update_data(tx, id, &data)?;
                tx.execute(
                    "UPDATE candidate SET imported = ?2 WHERE id = ?1",
                    params![id, serde_json::to_string(&imported).unwrap_or_default()],
                )?;
            }
        }
        Ok(())
    }

    /// Inserts the candidates created since the last time.
    fn flush(&mut self, batch: i64) -> Result<()> {
        candidate::insert_imported_many(self.tx, batch, &self.created)?;
        self.created.clear();
        Ok(())
    }

    /// Makes the writes still pending; returns the batch, if anything was written.
    fn finish(mut self) -> Result<Option<i64>> {
        if let Some(batch) = self.batch {
            self.flush(batch)?;
        }
        Ok(self.batch)
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
