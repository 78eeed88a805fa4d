//! The list of recently opened campaigns, kept in the user's settings folder.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// How many campaigns the list remembers.
pub const MAX_RECENT: usize = 10;

/// One recently opened campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RecentCampaign {
    /// The file.
    pub path: String,
    /// Its title when last opened ("UFR de médecine — 2026-2027").
    pub title: String,
    /// When it was last opened (RFC 3339, UTC).
    pub opened_at: String,
    /// When, in French.
    pub opened_display: String,
    /// Whether the file is still there.
    pub exists: bool,
}

/// What the list file keeps of each campaign.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    path: String,
    title: String,
    opened_at: String,
}

/// The list, read from `file` (a missing or unreadable list is an empty one: it is a
/// convenience, never a reason to refuse to start).
pub fn load(file: &Path) -> Vec<RecentCampaign> {
    read(file)
        .into_iter()
        .map(|s| RecentCampaign {
            exists: Path::new(&s.path).is_file(),
            opened_display: crate::fr::timestamp(&s.opened_at),
            path: s.path,
            title: s.title,
            opened_at: s.opened_at,
        })
        .collect()
}

fn read(file: &Path) -> Vec<Stored> {
    crate::json_file::load(file)
}

/// Puts `path` first in the list and saves it (atomically: written aside, then renamed).
pub fn touch(file: &Path, path: &Path, title: &str) -> std::io::Result<Vec<RecentCampaign>> {
    let path_s = path.display().to_string();
    let mut list = read(file);
    list.retain(|r| r.path != path_s);
    list.insert(
        0,
        Stored {
            path: path_s,
            title: title.to_owned(),
            opened_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        },
    );
    list.truncate(MAX_RECENT);
    save(file, &list)?;
    Ok(load(file))
}

/// Removes `path` from the list.
pub fn forget(file: &Path, path: &str) -> std::io::Result<Vec<RecentCampaign>> {
    let mut list = read(file);
    list.retain(|r| r.path != path);
    save(file, &list)?;
    Ok(load(file))
}

/// Whether `path` is in the list: the UI may only reopen paths the user chose before.
pub fn contains(file: &Path, path: &str) -> bool {
    read(file).iter().any(|r| r.path == path)
}

fn save(file: &Path, list: &[Stored]) -> std::io::Result<()> {
    crate::json_file::save(file, list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("recent.json");
        let a = dir.path().join("a.cesp");
        let b = dir.path().join("b.cesp");
        std::fs::write(&a, b"x").unwrap();
        touch(&file, &a, "A").unwrap();
        touch(&file, &b, "B").unwrap();
        let list = touch(&file, &a, "A bis").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].title, "A bis");
        assert!(list[0].exists);
        assert!(!list[1].exists, "b.cesp was never written");
        assert!(contains(&file, &a.display().to_string()));
        let list = forget(&file, &a.display().to_string()).unwrap();
        assert_eq!(list.len(), 1);
    }

    #[test]
    fn a_damaged_list_is_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("recent.json");
        std::fs::write(&file, b"{not json").unwrap();
        assert!(load(&file).is_empty());
    }
}
