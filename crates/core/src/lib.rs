//! CESP Commission's core: the domain of the commissions that select candidates for the
//! *contrat d'engagement de service public*, and its use cases. No UI, no Tauri, nothing
//! printed: the desktop shell and the `cesp` command line both call these functions.
#![deny(missing_docs)]

pub mod allocation;
pub mod backup;
pub mod bilan;
pub mod campaign;
pub mod candidate;
pub mod carry;
pub mod catalogue;
pub mod cipher;
pub mod clock;
pub mod commission;
pub mod demo;
pub mod documents;
pub mod dossier;
pub mod error;
pub mod files;
pub mod forms;
pub mod fr;
pub mod import;
pub mod journal;
mod json_file;
pub mod mail;
pub mod minutes;
pub mod operator;
pub mod pades;
mod parallel;
pub mod preferences;
pub mod recent;
pub mod schedule;
pub mod scoring;
pub mod store;
pub mod summary;
pub mod typed_date;

pub use campaign::{Campaign, CampaignSettings};
pub use error::{Error, FieldIssue, Refusal, Result};
pub use summary::CampaignSummary;
