//! The app's preferences on this machine (not the campaign's settings): whether the
//! first-run welcome was seen, and who uses the app here. Kept in the user's settings
//! folder beside the recent list; never inside a campaign file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::recent::RecentCampaign;

/// What the app remembers between sessions on this machine.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The first-run welcome was completed: it is not shown again unless asked for.
    pub welcomed: bool,
    /// Who uses the app on this machine, proposed at each start (journaled with every
    /// change).
    pub operator: Option<String>,
}

/// The preferences read from `file`. A missing or damaged file means none yet: it is a
/// convenience, never a reason to refuse to start.
pub fn load(file: &Path) -> Preferences {
    crate::json_file::load(file)
}

/// Saves `prefs` to `file` (written aside, then renamed: never half written).
pub fn save(file: &Path, prefs: &Preferences) -> Result<(), Error> {
    crate::json_file::save(file, prefs).map_err(|e| Error::io(file, e))
}

/// Whether this is the app's first start here: the welcome was never completed and no
/// campaign was ever opened (`recent`, the recent list: someone who used an earlier
/// version without this welcome is not greeted).
pub fn is_first_run(prefs: &Preferences, recent: &[RecentCampaign]) -> bool {
    !prefs.welcomed && recent.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_preferences_are_read_back_and_a_damaged_file_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("sub").join("preferences.json");
        assert_eq!(load(&file), Preferences::default());
        let prefs = Preferences {
            welcomed: true,
            operator: Some("Claire Dumont, secrétaire".into()),
        };
        save(&file, &prefs).unwrap();
        assert_eq!(load(&file), prefs);
        std::fs::write(&file, b"{\"welcomed\": tru").unwrap();
        assert_eq!(load(&file), Preferences::default());
    }

    #[test]
    fn first_run_only_without_preferences_nor_recent_campaigns() {
        let dir = tempfile::tempdir().unwrap();
        let prefs = dir.path().join("preferences.json");
        let recent = dir.path().join("recent.json");
        let first = || is_first_run(&load(&prefs), &crate::recent::load(&recent));
        assert!(first());
        let campaign = dir.path().join("Tours 2026-2027.cesp");
        std::fs::write(&campaign, b"x").unwrap();
        crate::recent::touch(&recent, &campaign, "UFR de Tours").unwrap();
        assert!(!first(), "someone already opened a campaign here");
        std::fs::remove_file(&recent).unwrap();
        save(
            &prefs,
            &Preferences {
                welcomed: true,
                operator: None,
            },
        )
        .unwrap();
        assert!(!first(), "the welcome was completed");
    }
}
