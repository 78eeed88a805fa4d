//! The campaign's journal as the app and the command line read it: recent rows, checks,
//! searches and exports.

use std::path::Path;

use super::Campaign;
use crate::error::Result;
use crate::journal::{self, export, search, JournalFilter, JournalPage, JournalRow};

impl Campaign {
    /// Checks that the journal is as the app wrote it.
    pub fn verify_journal(&self) -> Result<journal::JournalCheck> {
        journal::verify(self.conn())
    }

    /// The latest journal rows, newest first.
    pub fn journal(&self, limit: u32) -> Result<Vec<JournalRow>> {
        journal::recent(self.conn(), limit)
    }

    /// The journal's rows that `filter` selects, with the people and kinds to choose from.
    pub fn search_journal(&self, filter: &JournalFilter) -> Result<JournalPage> {
        search(self.conn(), filter)
    }

    /// Writes the rows `filter` selects to `path` (xlsx, or CSV when it ends in `.csv`);
    /// returns how many.
    pub fn export_journal(&self, filter: &JournalFilter, path: &Path) -> Result<usize> {
        let s = self.settings()?;
        let title = format!("{} — {}", s.ufr_name, s.academic_year);
        export(self.conn(), filter, path, &title)
    }
}
