//! The app's small JSON files in the user's settings folder (recent campaigns, saved
//! column mappings, preferences): read leniently, written whole or not at all.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// The value in `file`; a missing or damaged file is the default value (these files are a
/// convenience, never a reason to refuse to start).
pub(crate) fn load<T: DeserializeOwned + Default>(file: &Path) -> T {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Writes `value` to `file`, creating its folder: written aside, then renamed, so that the
/// file is never half written.
pub(crate) fn save<T: Serialize + ?Sized>(file: &Path, value: &T) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension("json.tmp");
    let json = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, file)
}
