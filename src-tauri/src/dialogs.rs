//! File dialogs behind a trait, so that tests never open one: the only way a path enters
//! the app from the UI is a dialog the user answered (or a recent file they chose before).

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// The dialogs the app needs.
pub trait FileDialogs: Send + Sync {
    /// "Enregistrer la campagne sous…"; `None` when cancelled.
    fn save_campaign(&self, suggested_name: &str) -> Option<PathBuf>;
    /// "Ouvrir une campagne…"; `None` when cancelled.
    fn open_campaign(&self) -> Option<PathBuf>;
    /// "Importer des candidats…": a spreadsheet; `None` when cancelled.
    fn pick_spreadsheet(&self) -> Option<PathBuf>;
    /// "Exporter…": where to write a file with `extension`; `None` when cancelled.
    fn save_export(&self, suggested_name: &str, extension: &str) -> Option<PathBuf>;
    /// "Exporter…" a table as a workbook or a CSV, as the name chosen ends (xlsx when it
    /// has no extension); `None` when cancelled.
    fn save_table(&self, suggested_name: &str) -> Option<PathBuf>;
    /// "Choisir un dossier…" (where to write the scoring sheets); `None` when cancelled.
    fn pick_folder(&self, title: &str) -> Option<PathBuf>;
    /// "Importer des feuilles de notation…": one or more xlsx; empty when cancelled.
    fn pick_score_sheets(&self) -> Vec<PathBuf>;
    /// "Joindre un fichier…" to a dossier piece (PDF, JPEG, PNG); `None` when cancelled.
    fn pick_attachment(&self) -> Option<PathBuf>;
    /// One file of a kind (`filter`: its French name; `extensions`), under `title`;
    /// `None` when cancelled.
    fn pick_file(&self, title: &str, filter: &str, extensions: &[&str]) -> Option<PathBuf>;
}

/// The native dialogs (GTK on Linux).
pub struct NativeDialogs<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> NativeDialogs<R> {
    /// Dialogs parented to `app`.
    pub fn new(app: AppHandle<R>) -> Self {
        NativeDialogs { app }
    }

    /// A dialog for a campaign file, in the folder proposed for them (the one the welcome
    /// and « À propos » name).
    fn campaign_dialog(&self) -> tauri_plugin_dialog::FileDialogBuilder<R> {
        let dialog = self.app.dialog().file();
        match campaigns_folder(&self.app) {
            Some(dir) => dialog.set_directory(dir),
            None => dialog,
        }
    }
}

impl<R: Runtime> FileDialogs for NativeDialogs<R> {
    fn save_campaign(&self, suggested_name: &str) -> Option<PathBuf> {
        let chosen = self
            .campaign_dialog()
            .set_title("Enregistrer la nouvelle campagne")
            .add_filter("Campagne CESP", &["cesp"])
            .set_file_name(suggested_name)
            .blocking_save_file()?;
        let mut path = chosen.into_path().ok()?;
        if path.extension().is_none() {
            path.set_extension("cesp");
        }
        Some(path)
    }

    fn open_campaign(&self) -> Option<PathBuf> {
        let chosen = self
            .campaign_dialog()
            .set_title("Ouvrir une campagne")
            .add_filter("Campagne CESP", &["cesp"])
            .blocking_pick_file()?;
        chosen.into_path().ok()
    }

    fn pick_spreadsheet(&self) -> Option<PathBuf> {
        let chosen = self
            .app
            .dialog()
            .file()
            .set_title("Importer des candidats")
            .add_filter(
                "Tableurs (xlsx, xls, ods, csv)",
                &["xlsx", "xlsm", "xls", "ods", "csv", "txt"],
            )
            .add_filter("Tous les fichiers", &["*"])
            .blocking_pick_file()?;
        chosen.into_path().ok()
    }

    fn save_export(&self, suggested_name: &str, extension: &str) -> Option<PathBuf> {
        let label = if extension == "csv" {
            "CSV (Excel, point-virgule)"
        } else {
            "Classeur Excel"
        };
        let chosen = self
            .app
            .dialog()
            .file()
            .set_title("Exporter")
            .add_filter(label, &[extension])
            .set_file_name(suggested_name)
            .blocking_save_file()?;
        let mut path = chosen.into_path().ok()?;
        if path.extension().is_none() {
            path.set_extension(extension);
        }
        Some(path)
    }

    fn save_table(&self, suggested_name: &str) -> Option<PathBuf> {
        let chosen = self
            .app
            .dialog()
            .file()
            .set_title("Exporter")
            .add_filter("Classeur Excel (xlsx)", &["xlsx"])
            .add_filter("CSV (Excel, point-virgule)", &["csv"])
            .set_file_name(suggested_name)
            .blocking_save_file()?;
        let mut path = chosen.into_path().ok()?;
        if path.extension().is_none() {
            path.set_extension("xlsx");
        }
        Some(path)
    }

    fn pick_folder(&self, title: &str) -> Option<PathBuf> {
        let chosen = self
            .app
            .dialog()
            .file()
            .set_title(title)
            .blocking_pick_folder()?;
        chosen.into_path().ok()
    }

    fn pick_score_sheets(&self) -> Vec<PathBuf> {
        self.app
            .dialog()
            .file()
            .set_title("Importer des feuilles de notation remplies")
            .add_filter("Feuilles de notation (xlsx)", &["xlsx"])
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| f.into_path().ok())
            .collect()
    }

    fn pick_attachment(&self) -> Option<PathBuf> {
        let chosen = self
            .app
            .dialog()
            .file()
            .set_title("Joindre une pièce au dossier")
            .add_filter("Pièces (PDF, JPEG, PNG)", &["pdf", "jpg", "jpeg", "png"])
            .blocking_pick_file()?;
        chosen.into_path().ok()
    }

    fn pick_file(&self, title: &str, filter: &str, extensions: &[&str]) -> Option<PathBuf> {
        let chosen = self
            .app
            .dialog()
            .file()
            .set_title(title)
            .add_filter(filter, extensions)
            .blocking_pick_file()?;
        chosen.into_path().ok()
    }
}

/// Scripted answers for the end-to-end tests (debug builds and tests only): each dialog takes the
/// first line of the file named by `CESP_DIALOG_SCRIPT` and removes it; a line
/// `CANCEL` (or an empty script) answers as if the user cancelled.
#[cfg(any(debug_assertions, test))]
pub struct ScriptedDialogs {
    script: PathBuf,
}

#[cfg(any(debug_assertions, test))]
impl ScriptedDialogs {
    /// Dialogs answered from the file `script`.
    #[cfg(test)]
    pub fn new(script: PathBuf) -> Self {
        ScriptedDialogs { script }
    }

    /// Dialogs answered from `CESP_DIALOG_SCRIPT`, when that variable is set.
    pub fn from_env() -> Option<Self> {
        std::env::var_os("CESP_DIALOG_SCRIPT").map(|s| ScriptedDialogs {
            script: PathBuf::from(s),
        })
    }

    fn next(&self) -> Option<PathBuf> {
        let text = std::fs::read_to_string(&self.script).ok()?;
        let mut lines = text.lines();
        let first = lines.next()?.trim().to_owned();
        let rest: Vec<&str> = lines.collect();
        let _ = std::fs::write(&self.script, rest.join("\n"));
        if first.is_empty() || first == "CANCEL" {
            None
        } else {
            Some(PathBuf::from(first))
        }
    }
}

#[cfg(any(debug_assertions, test))]
impl FileDialogs for ScriptedDialogs {
    fn save_campaign(&self, _suggested_name: &str) -> Option<PathBuf> {
        self.next()
    }

    fn open_campaign(&self) -> Option<PathBuf> {
        self.next()
    }

    fn pick_spreadsheet(&self) -> Option<PathBuf> {
        self.next()
    }

    fn save_export(&self, _suggested_name: &str, _extension: &str) -> Option<PathBuf> {
        self.next()
    }

    fn save_table(&self, _suggested_name: &str) -> Option<PathBuf> {
        self.next()
    }

    fn pick_folder(&self, _title: &str) -> Option<PathBuf> {
        self.next()
    }

    /// One line may list several files separated by `|`.
    fn pick_score_sheets(&self) -> Vec<PathBuf> {
        self.next()
            .map(|p| p.to_string_lossy().split('|').map(PathBuf::from).collect())
            .unwrap_or_default()
    }

    fn pick_attachment(&self) -> Option<PathBuf> {
        self.next()
    }

    fn pick_file(&self, _title: &str, _filter: &str, _extensions: &[&str]) -> Option<PathBuf> {
        self.next()
    }
}

/// The folder proposed for campaign files: the user's documents, else their home folder.
pub fn campaigns_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    tauri::Manager::path(app)
        .document_dir()
        .or_else(|_| tauri::Manager::path(app).home_dir())
        .ok()
}
