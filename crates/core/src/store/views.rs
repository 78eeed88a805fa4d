//! Views of the campaign computed once and kept until what they read changes.
//!
//! While a view is computed, SQLite's authorizer tells which columns of which tables its
//! statements read (it is asked about each when a statement is prepared); the
//! connection's update hook tells which table each changed row belongs to, and whether
//! it was updated, inserted or deleted. While a use case writes, the authorizer also
//! tells which columns its UPDATE statements set: a row updated then changes those
//! columns only. A kept view is fresh while nothing it read has changed since it was
//! computed, no other connection changed the file, and the connection was not replaced
//! (a restore, a new key). A score typed thus leaves the interview plan and the dossiers
//! as they were, a moved interview leaves the ranking, and the name of the UFR leaves
//! the dossiers (which read the deadline, in the same row).
//!
//! A view of every candidate can also be brought up to date for some of them
//! ([`Views::get_patched`]): when what it read changed only in rows of the tables whose
//! rowid is a candidate's identifier ([`BY_CANDIDATE`]: a candidate's details, a dossier
//! declared not receivable, an interview freed), the update hook's rowids say whose, and
//! only their part is worked out again. Such a view is kept, stale, while it can still be
//! brought up to date that way, even when other views are worked out before it is read.
//! A view of the journal is brought up to date the same way ([`JOURNAL`]): the rows added
//! since are read, not the whole journal again.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::hooks::{Action, AuthAction, AuthContext, Authorization};
use rusqlite::Connection;

use crate::error::Result;

/// The tables whose rowid is a candidate's identifier (`candidate INTEGER PRIMARY KEY`).
pub(super) const BY_CANDIDATE: &[&str] = &[
    "candidate",
    "eligibility_override",
    "interview",
    "score_lock",
];

/// The journal, whose rows are only ever added (a view of it is patched with the rows
/// added since).
pub(super) const JOURNAL: &[&str] = &["journal"];

/// The tables whose latest rows changed are remembered.
const LOGGED: [&str; 5] = [
    "candidate",
    "eligibility_override",
    "interview",
    "score_lock",
    "journal",
];

/// The rows changed remembered per table of [`LOGGED`] (beyond, a view is worked out
/// again whole).
const ROWS_REMEMBERED: usize = 256;

/// A view is patched for at most this many rows (beyond, it is worked out again whole).
const PATCHED_AT_MOST: usize = 64;

/// The views kept, by name, and what the connection changed and read.
#[derive(Default)]
pub(super) struct Views {
    /// Bumped when the campaign changes other than by SQL statements (a restore, a new
    /// key: the connection itself is replaced or rewritten).
    generation: u64,
    kept: Mutex<HashMap<&'static str, Kept>>,
    tracker: Arc<Mutex<Tracker>>,
}

impl std::fmt::Debug for Views {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Views")
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

/// One view kept, with the state of the campaign it was computed on.
struct Kept {
    /// [`Views::generation`] then.
    generation: u64,
    /// `PRAGMA data_version` then: it moves when another connection commits a change.
    data_version: i64,
    /// What else the view depends on (today's date, for dossiers).
    extra: i64,
    /// [`Tracker::tick`] when its computation began.
    at: u64,
    /// The tables whose rows it can be brought up to date for (empty: none).
    keyed: &'static [&'static str],
    /// The columns it read, by table, those of the views it used included (an empty
    /// name: the rows were counted).
    reads: Reads,
    view: Arc<dyn std::any::Any + Send + Sync>,
}

/// Columns by table.
type Reads = HashMap<String, BTreeSet<String>>;

/// What the connection changed, table by table, and what the views being computed read.
#[derive(Default)]
struct Tracker {
    /// Rows changed through the connection since it was tracked (rolled back or not).
    tick: u64,
    /// Per table, the tick of its latest row inserted, deleted, or updated in columns
    /// not known.
    changed: HashMap<String, u64>,
    /// Per table and column, the tick of its latest update (in columns known).
    changed_columns: HashMap<String, HashMap<String, u64>>,
    /// While a use case writes: the columns its UPDATE statements set, by table.
    updating: Option<Reads>,
    /// The columns read so far by each view being computed (a view computed while
    /// another is, for it, comes after it).
    reading: Vec<Reads>,
    /// Per table of [`LOGGED`], its latest rows changed.
    rows: HashMap<&'static str, RowLog>,
    /// A DROP TABLE (or VIEW) is being prepared: the deletion SQLite asks about next is
    /// its own.
    dropping: bool,
}

/// The latest rows changed in a table: (tick, rowid), oldest first.
#[derive(Default)]
struct RowLog {
    rows: VecDeque<(u64, i64)>,
    /// Every row changed after this tick is in `rows`.
    complete_after: u64,
}

/// Adds `column` of `table` to `reads`.
fn add(reads: &mut Reads, table: &str, column: &str) {
    let columns = match reads.get_mut(table) {
        Some(columns) => columns,
        None => reads.entry(table.to_owned()).or_default(),
    };
    if !columns.contains(column) {
        columns.insert(column.to_owned());
    }
}

impl Tracker {
    /// Every view being computed reads what `reads` holds.
    fn read_all(&mut self, reads: &Reads) {
        for set in &mut self.reading {
            for (table, columns) in reads {
                for column in columns {
                    add(set, table, column);
                }
            }
        }
    }

    /// Row `rowid` of `table` was inserted, updated or deleted.
    fn row_changed(&mut self, action: Action, table: &str, rowid: i64) {
        self.tick += 1;
        let tick = self.tick;
        if let Some(name) = LOGGED.iter().find(|t| **t == table) {
            let log = self.rows.entry(name).or_default();
            log.rows.push_back((tick, rowid));
            if log.rows.len() > ROWS_REMEMBERED {
                if let Some((dropped, _)) = log.rows.pop_front() {
                    log.complete_after = dropped;
                }
            }
        }
        let updated = match action {
            Action::SQLITE_UPDATE => self.updating.as_ref().and_then(|u| u.get(table)),
            _ => None,
        };
        let Some(columns) = updated else {
            match self.changed.get_mut(table) {
                Some(at) => *at = tick,
                None => {
                    self.changed.insert(table.to_owned(), tick);
                }
            }
            return;
        };
        let by_column = match self.changed_columns.get_mut(table) {
            Some(by_column) => by_column,
            None => self.changed_columns.entry(table.to_owned()).or_default(),
        };
        for column in columns {
            match by_column.get_mut(column) {
                Some(at) => *at = tick,
                None => {
                    by_column.insert(column.clone(), tick);
                }
            }
        }
    }

    /// The rowids of the tables `keyed` whose changes alone changed what `kept` read
    /// since it was computed; `None` when anything else did (another table, another
    /// connection, a restore) or when the rows changed are not all remembered.
    fn changed_rows(
        &self,
        kept: &Kept,
        keyed: &[&str],
        generation: u64,
        data_version: i64,
    ) -> Option<BTreeSet<i64>> {
        if kept.generation != generation || kept.data_version != data_version {
            return None;
        }
        let mut ids = BTreeSet::new();
        for (table, columns) in &kept.reads {
            if !self.touched(kept, table, columns) {
                continue;
            }
            if !keyed.contains(&table.as_str()) {
                return None;
            }
            let log = self.rows.get(table.as_str())?;
            if log.complete_after > kept.at {
                return None;
            }
            ids.extend(
                log.rows
                    .iter()
                    .filter(|(tick, _)| *tick > kept.at)
                    .map(|(_, id)| *id),
            );
        }
        Some(ids)
    }

    /// `kept` shows the campaign as it is now (given its generation and data version).
    fn fresh(&self, kept: &Kept, generation: u64, data_version: i64) -> bool {
        kept.generation == generation
            && kept.data_version == data_version
            && kept
                .reads
                .iter()
                .all(|(table, columns)| !self.touched(kept, table, columns))
    }

    /// Whether `columns` of `table`, read by `kept`, changed since it was worked out.
    fn touched(&self, kept: &Kept, table: &str, columns: &BTreeSet<String>) -> bool {
        let after = |at: Option<&u64>| at.is_some_and(|at| *at > kept.at);
        after(self.changed.get(table))
            || self
                .changed_columns
                .get(table)
                .is_some_and(|by_column| columns.iter().any(|c| after(by_column.get(c))))
    }

    /// `table` is dropped: what read it is stale, and its rows changed are no longer all
    /// known.
    fn table_dropped(&mut self, table: &str) {
        self.tick += 1;
        let tick = self.tick;
        self.changed.insert(table.to_owned(), tick);
        if let Some(log) = self.rows.get_mut(table) {
            log.rows.clear();
            log.complete_after = tick;
        }
    }
}

impl Views {
    /// Follows what `conn` changes and, while a view is computed, what it reads. Every
    /// connection of the store is tracked before any view is computed on it.
    pub(super) fn track(&self, conn: &mut Connection) -> Result<()> {
        let tracker = self.tracker.clone();
        conn.update_hook(Some(move |action, _: &str, table: &str, rowid| {
            lock(&tracker).row_changed(action, table, rowid);
        }))?;
        let tracker = self.tracker.clone();
        conn.authorizer(Some(move |ctx: AuthContext<'_>| match ctx.action {
            AuthAction::Read {
                table_name,
                column_name,
            } => {
                let mut tracker = lock(&tracker);
                for reads in &mut tracker.reading {
                    add(reads, table_name, column_name);
                }
                Authorization::Allow
            }
            AuthAction::Update {
                table_name,
                column_name,
            } => {
                if let Some(updating) = &mut lock(&tracker).updating {
                    add(updating, table_name, column_name);
                }
                Authorization::Allow
            }
            // Dropping a table, an index, a trigger or a view asks about deleting from
            // the schema, and a table about deleting from itself: those must be
            // allowed, or SQLite drops nothing, silently. A table dropped changes what
            // read it.
            AuthAction::Delete {
                table_name: "sqlite_master" | "sqlite_temp_master" | "sqlite_schema",
            } => Authorization::Allow,
            AuthAction::DropTable { table_name } | AuthAction::DropTempTable { table_name } => {
                let mut tracker = lock(&tracker);
                tracker.dropping = true;
                tracker.table_dropped(table_name);
                Authorization::Allow
            }
            AuthAction::DropView { .. } | AuthAction::DropTempView { .. } => {
                lock(&tracker).dropping = true;
                Authorization::Allow
            }
            // A DELETE without WHERE then removes the rows one by one, each seen by the
            // update hook, instead of emptying the table at once, which SQLite does not
            // report to it.
            AuthAction::Delete { .. } => {
                let mut tracker = lock(&tracker);
                if std::mem::take(&mut tracker.dropping) {
                    Authorization::Allow
                } else {
                    Authorization::Ignore
                }
            }
            _ => Authorization::Allow,
        }))?;
        Ok(())
    }

    /// Runs `write`, a use case's writes: the columns its UPDATE statements set are
    /// noted as they are prepared, so that the rows they update change those columns
    /// only.
    /// Every statement `write` runs must be prepared inside it: the store's cache of
    /// prepared statements is emptied first.
    pub(super) fn writing<T>(&self, write: impl FnOnce() -> T) -> T {
        struct Writing<'a>(&'a Mutex<Tracker>);
        impl Drop for Writing<'_> {
            fn drop(&mut self) {
                lock(self.0).updating = None;
            }
        }
        lock(&self.tracker).updating = Some(Reads::new());
        let _writing = Writing(&self.tracker);
        write()
    }

    /// The campaign changed other than by a statement: every view kept is stale.
    pub(super) fn changed(&mut self) {
        self.generation += 1;
        lock(&self.kept).clear();
    }

    /// The view `name` (see [`super::Store::view`]).
    pub(super) fn get<T: Send + Sync + 'static>(
        &self,
        conn: &Connection,
        name: &'static str,
        extra: i64,
        compute: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<Arc<T>> {
        self.get_keyed(conn, name, &[], extra, compute)
    }

    /// [`Views::get`] for a view that can be brought up to date for rows of the tables
    /// `keyed` ([`Views::get_patched`]).
    fn get_keyed<T: Send + Sync + 'static>(
        &self,
        conn: &Connection,
        name: &'static str,
        keyed: &'static [&'static str],
        extra: i64,
        compute: impl FnOnce(&Connection) -> Result<T>,
    ) -> Result<Arc<T>> {
        let data_version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        {
            let kept = lock(&self.kept);
            let mut tracker = lock(&self.tracker);
            let found = kept
                .get(name)
                .filter(|k| k.extra == extra && tracker.fresh(k, self.generation, data_version));
            if let Some((k, view)) =
                found.and_then(|k| Some((k, k.view.clone().downcast::<T>().ok()?)))
            {
                // A view computed with this one reads what it read.
                tracker.read_all(&k.reads);
                return Ok(view);
            }
        }
        let reading = Reading::start(&self.tracker);
        // Statements kept prepared from before would not be shown to the authorizer.
        conn.flush_prepared_statement_cache();
        let computed = compute(conn);
        let (at, reads) = reading.end();
        Ok(self.keep(name, keyed, extra, data_version, at, reads, computed?))
    }

    /// Keeps `value` as the view `name`, worked out from tick `at` on and having read
    /// `reads`; returns it.
    #[allow(clippy::too_many_arguments)]
    fn keep<T: Send + Sync + 'static>(
        &self,
        name: &'static str,
        keyed: &'static [&'static str],
        extra: i64,
        data_version: i64,
        at: u64,
        reads: Reads,
        value: T,
    ) -> Arc<T> {
        let view = Arc::new(value);
        let mut kept = lock(&self.kept);
        let tracker = lock(&self.tracker);
        // A stale view is never read again (the state only moves forward): it would only
        // hold memory (tens of megabytes at 10 000 candidates). One that can still be
        // brought up to date for the rows changed is kept for that.
        kept.retain(|_, k| {
            tracker.fresh(k, self.generation, data_version)
                || !k.keyed.is_empty()
                    && tracker
                        .changed_rows(k, k.keyed, self.generation, data_version)
                        .is_some_and(|ids| ids.len() <= PATCHED_AT_MOST)
        });
        kept.insert(
            name,
            Kept {
                generation: self.generation,
                data_version,
                extra,
                at,
                keyed,
                reads,
                view: view.clone(),
            },
        );
        view
    }
}

impl Views {
    /// [`Views::get`] for a view that `patch` can bring up to date for some rows of the
    /// tables `keyed` ([`BY_CANDIDATE`]: some candidates; [`JOURNAL`]: rows added): when
    /// what the kept view read changed only in rows of those tables, `patch` works out
    /// again the part of those rows (and says `false` when it cannot, a candidate it does
    /// not hold: the view is then worked out again whole, as it is when anything else
    /// changed).
    pub(super) fn get_patched<T: Clone + Send + Sync + 'static>(
        &self,
        conn: &Connection,
        name: &'static str,
        keyed: &'static [&'static str],
        extra: i64,
        compute: impl FnOnce(&Connection) -> Result<T>,
        patch: impl FnOnce(&Connection, &BTreeSet<i64>, &mut T) -> Result<bool>,
    ) -> Result<Arc<T>> {
        let data_version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
        let stale = {
            let mut kept = lock(&self.kept);
            let tracker = lock(&self.tracker);
            // None changed: it is fresh (`get` returns it).
            let ids = kept
                .get(name)
                .filter(|k| k.extra == extra)
                .and_then(|k| tracker.changed_rows(k, keyed, self.generation, data_version))
                .filter(|ids| !ids.is_empty() && ids.len() <= PATCHED_AT_MOST);
            ids.and_then(|ids| Some((kept.remove(name)?, ids)))
        };
        if let Some((old, ids)) = stale {
            if let Ok(view) = old.view.downcast::<T>() {
                // Nothing else holds it, most often: no copy is made.
                let mut value = Arc::try_unwrap(view).unwrap_or_else(|shared| (*shared).clone());
                let reading = Reading::start(&self.tracker);
                conn.flush_prepared_statement_cache();
                let patched = patch(conn, &ids, &mut value);
                let (at, mut reads) = reading.end();
                if patched? {
                    for (table, columns) in &old.reads {
                        for column in columns {
                            add(&mut reads, table, column);
                        }
                    }
                    // A view computed with this one reads what it read.
                    lock(&self.tracker).read_all(&reads);
                    return Ok(self.keep(name, keyed, extra, data_version, at, reads, value));
                }
            }
        }
        self.get_keyed(conn, name, keyed, extra, compute)
    }
}

/// A view being computed: what its statements read is gathered until it ends (or a panic
/// unwinds through it).
struct Reading<'a> {
    tracker: &'a Mutex<Tracker>,
    at: u64,
}

impl<'a> Reading<'a> {
    fn start(tracker: &'a Mutex<Tracker>) -> Reading<'a> {
        let mut t = lock(tracker);
        t.reading.push(Reads::new());
        Reading {
            tracker,
            at: t.tick,
        }
    }

    /// The tick it began at and the tables it read.
    fn end(self) -> (u64, Reads) {
        let reads = lock(self.tracker)
            .reading
            .last_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        (self.at, reads)
    }
}

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        lock(self.tracker).reading.pop();
    }
}

/// The lock of `mutex`, even if a panic left it poisoned (what it guards stays
/// consistent: each change is one assignment).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use crate::store::Store;

    /// A store with two tables of its own, `a` and `b`, one row each.
    fn store(dir: &tempfile::TempDir) -> Store {
        Store::create(&dir.path().join("vues.cesp"), false, None, |tx| {
            tx.execute_batch(
                "CREATE TABLE a (x INTEGER, y TEXT); CREATE TABLE b (x INTEGER);
                 INSERT INTO a VALUES (1, 'un'); INSERT INTO b VALUES (10);
                 CREATE TRIGGER b_follows AFTER UPDATE OF y ON a BEGIN UPDATE b SET x = x + 1; END;
                 CREATE TABLE c (x INTEGER, z INTEGER); INSERT INTO c VALUES (0, 0);
                 CREATE TRIGGER c_follows AFTER UPDATE OF x ON a BEGIN UPDATE c SET z = z + 1; END;",
            )?;
            Ok(())
        })
        .expect("store")
    }

    fn sum(store: &Store, table: &str, computed: &Cell<u32>) -> i64 {
        let name = if table == "a" { "sum of a" } else { "sum of b" };
        *store
            .view(name, 0, |conn| {
                computed.set(computed.get() + 1);
                Ok(conn.query_row(
                    &format!("SELECT COALESCE(SUM(x), 0) FROM {table}"),
                    [],
                    |r| r.get::<_, i64>(0),
                )?)
            })
            .expect("view")
    }

    fn write(store: &mut Store, sql: &str) {
        store
            .write("Claire", |tx| Ok((tx.execute_batch(sql)?, None)))
            .expect("write");
    }

    #[test]
    fn a_view_is_computed_again_when_a_table_it_read_changes_and_only_then() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store(&dir);
        let computed = Cell::new(0);
        assert_eq!(sum(&store, "a", &computed), 1);
        assert_eq!(sum(&store, "a", &computed), 1);
        assert_eq!(computed.get(), 1, "kept between calls");

        write(&mut store, "INSERT INTO b VALUES (20)");
        assert_eq!(sum(&store, "a", &computed), 1);
        assert_eq!(computed.get(), 1, "a change to another table keeps it");

        write(&mut store, "UPDATE a SET x = 2");
        assert_eq!(sum(&store, "a", &computed), 2);
        assert_eq!(computed.get(), 2);

        // Emptied by a DELETE without WHERE (which SQLite may do without visiting rows).
        write(&mut store, "DELETE FROM a; INSERT INTO b VALUES (30)");
        assert_eq!(sum(&store, "a", &computed), 0);
        assert_eq!(computed.get(), 3);

        // A change rolled back may leave the view computed again, never stale.
        let _ = store.write("Claire", |tx| {
            tx.execute("INSERT INTO a VALUES (5)", [])?;
            Err::<((), _), _>(crate::error::Error::Validation(Vec::new()))
        });
        assert_eq!(sum(&store, "a", &computed), 0);

        // A DROP on the tracked connection drops (SQLite asks about deleting from the
        // schema first: refusing it would drop nothing, silently).
        let b = sum(&store, "b", &computed);
        write(
            &mut store,
            "INSERT INTO a VALUES (1, 'un'); DROP TRIGGER b_follows; UPDATE a SET y = 'deux'; DROP TABLE c;",
        );
        assert_eq!(sum(&store, "b", &computed), b, "the trigger is gone");
        let left: i64 = store
            .conn()
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('b_follows', 'c')",
                [],
                |r| r.get(0),
            )
            .expect("schema");
        assert_eq!(left, 0);
    }

    #[test]
    fn a_view_built_on_another_follows_what_that_one_read() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store(&dir);
        let (inner, outer) = (Cell::new(0), Cell::new(0));
        let both = |store: &Store| -> i64 {
            *store
                .view("a + b", 0, |conn| {
                    outer.set(outer.get() + 1);
                    let b: i64 = conn.query_row("SELECT SUM(x) FROM b", [], |r| r.get(0))?;
                    Ok(sum(store, "a", &inner) + b)
                })
                .expect("view")
        };
        // The inner view kept first: the outer one uses it without reading `a` itself.
        assert_eq!(sum(&store, "a", &inner), 1);
        assert_eq!(both(&store), 11);
        assert_eq!((inner.get(), outer.get()), (1, 1));

        write(&mut store, "UPDATE a SET x = 3");
        assert_eq!(
            both(&store),
            13,
            "the outer view follows `a`, read through the inner"
        );
        assert_eq!((inner.get(), outer.get()), (2, 2));

        write(&mut store, "UPDATE b SET x = 100");
        assert_eq!(both(&store), 103);
        assert_eq!((inner.get(), outer.get()), (2, 3), "the inner view is kept");

        // A failed computation is not kept, and what it read is not charged to the next.
        let failed = store.view::<i64>("fails", 0, |conn| {
            conn.query_row("SELECT SUM(x) FROM b", [], |r| r.get::<_, i64>(0))?;
            Err(crate::error::Error::Validation(Vec::new()))
        });
        assert!(failed.is_err());
        assert_eq!(sum(&store, "a", &inner), 3);
        write(&mut store, "UPDATE b SET x = 7");
        assert_eq!(sum(&store, "a", &inner), 3);
        assert_eq!(inner.get(), 2, "`a` alone was read");
    }

    #[test]
    fn a_row_updated_changes_only_the_columns_its_statement_set() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store(&dir);
        let computed = Cell::new(0);
        let rows = Cell::new(0);
        let count = |store: &Store| -> i64 {
            *store
                .view("rows of a", 0, |conn| {
                    rows.set(rows.get() + 1);
                    Ok(conn.query_row("SELECT COUNT(*) FROM a", [], |r| r.get(0))?)
                })
                .expect("view")
        };
        assert_eq!(sum(&store, "a", &computed), 1);
        assert_eq!(count(&store), 1);

        write(&mut store, "UPDATE a SET y = 'deux'");
        assert_eq!(sum(&store, "a", &computed), 1);
        assert_eq!(count(&store), 1);
        assert_eq!(
            (computed.get(), rows.get()),
            (1, 1),
            "`x` and the rows as they were"
        );
        // The trigger's update of `b` (its `x`) is seen too.
        let on_b = Cell::new(0);
        assert_eq!(sum(&store, "b", &on_b), 11);

        write(
            &mut store,
            "UPDATE a SET x = 2 WHERE y = 'deux'; INSERT INTO b VALUES (1)",
        );
        assert_eq!(sum(&store, "a", &computed), 2);
        assert_eq!((computed.get(), rows.get()), (2, 1));

        write(&mut store, "INSERT INTO a (y) VALUES ('trois')");
        assert_eq!(count(&store), 2);
        assert_eq!(sum(&store, "a", &computed), 2);
        assert_eq!(
            (computed.get(), rows.get()),
            (3, 2),
            "a row inserted: every column"
        );

        // An update outside a use case (its columns not noted): the whole table.
        store
            .conn()
            .execute("UPDATE a SET y = 'quatre'", [])
            .expect("update");
        assert_eq!(sum(&store, "a", &computed), 2);
        assert_eq!(computed.get(), 4);
        // A trigger's update is seen with the columns it sets, beside its statement's.
        let z = |store: &Store| -> i64 {
            *store
                .view("z of c", 0, |conn| {
                    Ok(conn.query_row("SELECT z FROM c", [], |r| r.get(0))?)
                })
                .expect("view")
        };
        let before = z(&store);
        write(&mut store, "UPDATE c SET x = 5; UPDATE a SET x = 3");
        assert_eq!(
            z(&store),
            before + 2,
            "the trigger's `z`, beside the `x` set"
        );
        // Two rows of `a` updated: each of the two rows of `b` (11 and 1) gains 2.
        assert_eq!(sum(&store, "b", &on_b), 16);
        assert_eq!(on_b.get(), 2, "the trigger's update of `b` after the first");
    }

    #[test]
    fn a_change_committed_by_another_connection_makes_every_view_stale() {
        let dir = tempfile::tempdir().expect("dir");
        let store = store(&dir);
        let computed = Cell::new(0);
        assert_eq!(sum(&store, "a", &computed), 1);
        let other = rusqlite::Connection::open(dir.path().join("vues.cesp")).expect("other");
        other.execute("UPDATE a SET x = 4", []).expect("update");
        drop(other);
        assert_eq!(sum(&store, "a", &computed), 4);
        assert_eq!(computed.get(), 2);
    }

    /// A view of every candidate over `score_lock` (whose rowid is the candidate) and
    /// `b`, patched for the candidates whose rows changed; `patched` lists each patch's
    /// candidates.
    fn by_candidate(
        store: &Store,
        computed: &Cell<u32>,
        patched: &std::cell::RefCell<Vec<Vec<i64>>>,
    ) -> Vec<(i64, i64)> {
        store
            .view_patched(
                "by candidate",
                0,
                |conn| {
                    computed.set(computed.get() + 1);
                    truth(conn)
                },
                |conn, ids, rows: &mut Vec<(i64, i64)>| {
                    patched.borrow_mut().push(ids.iter().copied().collect());
                    for &id in ids {
                        let now: Option<i64> = rusqlite::OptionalExtension::optional(
                            conn.query_row(
                                "SELECT v + (SELECT SUM(x) FROM b) FROM score_lock WHERE candidate = ?1",
                                [id],
                                |r| r.get(0),
                            ),
                        )?;
                        match (rows.iter().position(|r| r.0 == id), now) {
                            (Some(i), Some(v)) => rows[i].1 = v,
                            (Some(i), None) => {
                                rows.remove(i);
                            }
                            // A candidate it does not hold: worked out again whole.
                            (None, _) => return Ok(false),
                        }
                    }
                    Ok(true)
                },
            )
            .expect("view")
            .as_ref()
            .clone()
    }

    fn truth(conn: &rusqlite::Connection) -> crate::error::Result<Vec<(i64, i64)>> {
        let mut stmt = conn.prepare(
            "SELECT candidate, v + (SELECT SUM(x) FROM b) FROM score_lock ORDER BY candidate",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    #[test]
    fn a_view_of_every_candidate_is_patched_for_those_whose_rows_alone_changed() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store(&dir);
        write(
            &mut store,
            "DROP TABLE score_lock;
             CREATE TABLE score_lock (candidate INTEGER PRIMARY KEY, v INTEGER NOT NULL);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
             INSERT INTO score_lock SELECT i, i * 10 FROM n;",
        );
        let computed = Cell::new(0);
        let patched = std::cell::RefCell::new(Vec::new());
        let check = |store: &Store, step: &str| {
            assert_eq!(
                by_candidate(store, &computed, &patched),
                truth(store.conn()).expect("truth"),
                "{step}"
            );
        };
        check(&store, "at first");
        assert_eq!((computed.get(), patched.borrow().len()), (1, 0));

        write(
            &mut store,
            "UPDATE score_lock SET v = 7 WHERE candidate IN (2, 40)",
        );
        check(&store, "two rows updated");
        assert_eq!(computed.get(), 1, "not worked out again whole");
        assert_eq!(patched.borrow().last(), Some(&vec![2, 40]));

        write(&mut store, "DELETE FROM score_lock WHERE candidate = 3");
        check(&store, "a row deleted");
        assert_eq!(patched.borrow().last(), Some(&vec![3]));
        assert_eq!(computed.get(), 1);

        // Another view worked out first: this one is kept to be patched, not dropped.
        write(
            &mut store,
            "UPDATE score_lock SET v = 8 WHERE candidate = 9",
        );
        let _ = sum(&store, "a", &Cell::new(0));
        check(&store, "another view worked out first");
        assert_eq!(patched.borrow().last(), Some(&vec![9]));
        assert_eq!(computed.get(), 1);

        // A table it read that is not by candidate: worked out again whole.
        write(&mut store, "UPDATE b SET x = 11");
        check(&store, "another table");
        assert_eq!((computed.get(), patched.borrow().len()), (2, 3));

        // A candidate the view does not hold: the patch declines.
        write(&mut store, "INSERT INTO score_lock VALUES (500, 1)");
        check(&store, "a row inserted");
        assert_eq!((computed.get(), patched.borrow().len()), (3, 4));

        // A table it did not read: kept as it is.
        write(&mut store, "UPDATE a SET x = 9");
        check(&store, "a table not read");
        assert_eq!((computed.get(), patched.borrow().len()), (3, 4));

        // Too many candidates, or more rows changed than remembered: whole.
        write(
            &mut store,
            "UPDATE score_lock SET v = v + 1 WHERE candidate <= 80",
        );
        check(&store, "80 candidates");
        assert_eq!((computed.get(), patched.borrow().len()), (4, 4));
        write(
            &mut store,
            &"UPDATE score_lock SET v = v + 1 WHERE candidate <= 10;".repeat(30),
        );
        check(&store, "more rows changed than remembered");
        assert_eq!((computed.get(), patched.borrow().len()), (5, 4));

        // A change rolled back: patched, never stale.
        let _ = store.write("Claire", |tx| {
            tx.execute("UPDATE score_lock SET v = 0 WHERE candidate = 5", [])?;
            Err::<((), _), _>(crate::error::Error::Validation(Vec::new()))
        });
        check(&store, "rolled back");
        assert_eq!(patched.borrow().last(), Some(&vec![5]));

        // Another connection: whole.
        let other = rusqlite::Connection::open(dir.path().join("vues.cesp")).expect("open");
        other
            .execute("UPDATE score_lock SET v = 1 WHERE candidate = 6", [])
            .expect("update");
        drop(other);
        check(&store, "another connection");
        assert_eq!(computed.get(), 6);
    }

    /// The journal's summaries after row `after`.
    fn journal_after(
        conn: &rusqlite::Connection,
        after: i64,
    ) -> crate::error::Result<Vec<(i64, String)>> {
        let mut stmt = conn.prepare("SELECT id, summary FROM journal WHERE id > ?1 ORDER BY id")?;
        let rows = stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The journal's summaries, kept and brought up to date with the rows added;
    /// `appended` lists the rows each patch was given.
    fn journal(
        store: &Store,
        computed: &Cell<u32>,
        appended: &std::cell::RefCell<Vec<Vec<i64>>>,
    ) -> Vec<(i64, String)> {
        store
            .view_appended(
                "journal",
                |conn| {
                    computed.set(computed.get() + 1);
                    journal_after(conn, 0)
                },
                |rows: &Vec<(i64, String)>| rows.last().map_or(0, |r| r.0),
                |conn, added, rows| {
                    appended.borrow_mut().push(added.iter().copied().collect());
                    let last = rows.last().map_or(0, |r| r.0);
                    rows.extend(journal_after(conn, last)?);
                    Ok(())
                },
            )
            .expect("view")
            .as_ref()
            .clone()
    }

    fn journaled(store: &mut Store, summary: &str) {
        store
            .write("Claire", |_| {
                Ok(((), Some(crate::journal::Entry::new("piece.set", summary))))
            })
            .expect("write");
    }

    #[test]
    fn a_view_of_the_journal_reads_only_the_rows_added_since() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = store(&dir);
        let computed = Cell::new(0);
        let appended = std::cell::RefCell::new(Vec::new());
        let check = |store: &Store, step: &str| {
            assert_eq!(
                journal(store, &computed, &appended),
                journal_after(store.conn(), 0).expect("truth"),
                "{step}"
            );
        };
        check(&store, "at first");
        let first = store
            .conn()
            .query_row("SELECT COALESCE(MAX(id), 0) FROM journal", [], |r| {
                r.get::<_, i64>(0)
            })
            .expect("last");
        assert_eq!((computed.get(), appended.borrow().len()), (1, 0));

        journaled(&mut store, "Première modification.");
        journaled(&mut store, "Deuxième modification.");
        check(&store, "two rows added");
        assert_eq!(computed.get(), 1, "not read again whole");
        assert_eq!(appended.borrow().last(), Some(&vec![first + 1, first + 2]));

        // A table it did not read: kept as it is.
        write(&mut store, "UPDATE a SET x = 9");
        check(&store, "a table not read");
        assert_eq!((computed.get(), appended.borrow().len()), (1, 1));

        // A row added then rolled back: its identifier is given, nothing is read, and
        // the row added next under the same identifier is read.
        let _ = store.write("Claire", |tx| {
            crate::journal::append(
                tx,
                "Claire",
                &crate::journal::Entry::new("piece.set", "Annulée."),
            )?;
            Err::<((), _), _>(crate::error::Error::Validation(Vec::new()))
        });
        check(&store, "rolled back");
        assert_eq!(appended.borrow().last(), Some(&vec![first + 3]));
        journaled(&mut store, "Troisième modification.");
        check(&store, "the same identifier again");
        assert_eq!(computed.get(), 1);
        assert_eq!(appended.borrow().len(), 3);

        // A row already read changes (a file written before the chain gets its hash):
        // read again whole.
        write(
            &mut store,
            &format!("DROP TRIGGER journal_no_update; UPDATE journal SET summary = 'Réécrite.' WHERE id = {}", first + 1),
        );
        check(&store, "a row already read changed");
        assert_eq!(computed.get(), 2);

        // Another connection adds a row: read again whole.
        let other = rusqlite::Connection::open(dir.path().join("vues.cesp")).expect("open");
        other
            .execute(
                "INSERT INTO journal (at, operator, action, summary, details) VALUES ('2027-01-15T16:40:00Z', 'Marc', 'piece.set', 'Ailleurs.', '')",
                [],
            )
            .expect("insert");
        drop(other);
        check(&store, "another connection");
        assert_eq!(computed.get(), 3);
    }
}
