//! Errors of the core, each carrying the facts and rendering a French sentence that says
//! what is wrong and what to do.

use std::path::{Path, PathBuf};

use crate::fr::file_name;

/// One problem with one field of a form or a command line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldIssue {
    /// The field's code name (`academic_year`, `quotas.student.medicine`...).
    pub field: String,
    /// What is wrong and what to do, in French.
    pub message: String,
}

impl FieldIssue {
    /// A problem with `field`, explained by `message`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Declares [`Refusal`]: each variant, its stable code and what it means.
macro_rules! refusals {
    ($($(#[doc = $doc:expr])+ $name:ident => $code:literal,)+) => {
        /// Why an action is refused. Each refusal has a stable code, sent to the UI and
        /// printed by `cesp --json`; this list is the one place they are defined.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Refusal {
            $($(#[doc = $doc])+ $name,)+
        }

        impl Refusal {
            /// Every refusal, in the order of this list.
            pub const ALL: &'static [Refusal] = &[$(Refusal::$name,)+];

            /// The stable, machine-readable code (`ties_unsettled`).
            pub fn code(self) -> &'static str {
                match self {
                    $(Refusal::$name => $code,)+
                }
            }
        }
    };
}

refusals! {
    // Files and folders.
    /// A folder chosen to write documents in does not exist.
    FolderMissing => "folder_missing",
    /// The campaign was closed (or another opened) while files were written from it in
    /// the background: what they record is not recorded.
    CampaignChanged => "campaign_changed",
    /// A file given to the command line (quotas as JSON) cannot be read.
    UnreadableQuotas => "unreadable_quotas",
    /// A file given to the command line (places per specialty as JSON) cannot be read.
    UnreadableSpecialties => "unreadable_specialties",
    /// A file given to the command line (interview organisation as JSON) cannot be read.
    UnreadableScheduleSetup => "unreadable_schedule_setup",
    /// The documents engine failed (a bug).
    DocumentsInternal => "documents_internal",
    // Campaign file, encryption, journal, backups.
    /// Removing the encryption of a file that is not encrypted.
    NotEncrypted => "not_encrypted",
    /// A new passphrase was asked for but neither given nor typeable (no terminal).
    PassphraseNotGiven => "passphrase_not_given",
    /// The journal fails its check: the file was changed outside the application.
    JournalTampered => "journal_tampered",
    /// The backup named belongs to another campaign.
    BackupOfOtherCampaign => "backup_of_other_campaign",
    /// The backup named no longer exists.
    BackupMissing => "backup_missing",
    /// The backup is encrypted with another passphrase than the campaign's.
    BackupOtherPassphrase => "backup_other_passphrase",
    /// Restoring this backup would undo a seal of the minutes.
    RestoreBeforeSeal => "restore_before_seal",
    /// The file to replace by the demonstration is not the demonstration.
    NotTheDemo => "not_the_demo",
    // Import and candidates.
    /// Not one row of the file could be imported.
    NothingImported => "nothing_imported",
    /// There is no import to undo.
    NoImportToUndo => "no_import_to_undo",
    /// The import was already undone.
    ImportAlreadyUndone => "import_already_undone",
    /// A later import may depend on this one: undo it first.
    LaterImportDepends => "later_import_depends",
    /// The import can no longer be undone (its candidates have moved on).
    ImportNotUndoable => "import_not_undoable",
    /// The import's stored history cannot be read.
    ImportHistoryUnreadable => "import_history_unreadable",
    /// A candidate to restore is already present.
    CandidateAlreadyPresent => "candidate_already_present",
    /// A candidate with a dossier, scores or a recusal cannot be deleted.
    CandidateHasRecord => "candidate_has_record",
    /// No candidate matches what was typed (command line).
    NoCandidateMatches => "no_candidate_matches",
    /// Several candidates match what was typed (command line).
    AmbiguousCandidate => "ambiguous_candidate",
    // Dossiers.
    /// A piece code that the checklist does not have (command line).
    UnknownPiece => "unknown_piece",
    /// A piece already filled in for candidates cannot be removed from the checklist.
    PieceInUse => "piece_in_use",
    /// The file is already attached to that piece.
    FileAlreadyAttached => "file_already_attached",
    /// A missing-pieces letter for a dossier that is not incomplete.
    DossierNotIncomplete => "dossier_not_incomplete",
    /// There is no letter of that kind to print.
    NoLetterToPrint => "no_letter_to_print",
    /// Merging the campaign with its own file.
    MergeSameFile => "merge_same_file",
    /// The copy to merge is encrypted with another passphrase.
    MergeOtherPassphrase => "merge_other_passphrase",
    /// The file to merge is another campaign, not a copy of this one.
    MergeOtherCampaign => "merge_other_campaign",
    /// The retention period of unselected candidates' data has not ended.
    PurgeTooEarly => "purge_too_early",
    /// There is no data left to purge.
    NothingToPurge => "nothing_to_purge",
    // Commission.
    /// A member who has scored must keep their vote.
    VoterHasScored => "voter_has_scored",
    /// A member who has scored cannot be removed.
    MemberHasScored => "member_has_scored",
    /// The sitting already exists.
    SittingExists => "sitting_exists",
    /// A sitting where candidates were heard cannot be removed.
    SittingHasHearings => "sitting_has_hearings",
    /// A member who scored at a sitting cannot be marked absent from it.
    AttendanceHasScores => "attendance_has_scores",
    /// The member is already recused for that candidate.
    AlreadyRecused => "already_recused",
    /// The commission has no chair.
    NoChair => "no_chair",
    // Scoring.
    /// The member has no vote.
    MemberNotVoting => "member_not_voting",
    /// The member is recused for that candidate.
    MemberRecused => "member_recused",
    /// The member was not present at the sitting where the candidate was heard.
    MemberAbsent => "member_absent",
    /// A scoring sheet carries the scores of a member absent from the sitting.
    ScorerAbsent => "scorer_absent",
    /// The criterion is computed from academic results, not scored.
    CriterionComputed => "criterion_computed",
    /// The grid cannot change once scores were entered with it.
    GridInUse => "grid_in_use",
    /// The candidate's scores are validated: unlock them first.
    ScoresValidated => "scores_validated",
    /// The score changed since the device read it (a connected sitting).
    ScoreChanged => "stale",
    /// The connected sitting cannot be served (address, port, pairing).
    RoomUnavailable => "room_unavailable",
    /// Scores cannot be validated while incomplete.
    ScoresIncomplete => "scores_incomplete",
    /// The scores to unlock are not validated.
    ScoresNotValidated => "scores_not_validated",
    /// The commission has no voting member to write scoring sheets for.
    NoVotingMember => "no_voting_member",
    /// A scoring sheet could not be written.
    SheetNotWritten => "sheet_not_written",
    // Interviews.
    /// No timetable satisfies the constraints.
    ScheduleImpossible => "schedule_impossible",
    /// An interview cannot move there (conflicts listed).
    MoveConflicts => "move_conflicts",
    /// The candidate is not to be heard.
    NotToHear => "not_to_hear",
    /// No interview is planned yet.
    NoInterviewPlanned => "no_interview_planned",
    /// The interview organisation is carried without the commission its juries are made of.
    CarryNeedsCommission => "carry_needs_commission",
    /// Convocations went out: planning again must keep as many interviews as possible.
    ConvocationsOut => "convocations_out",
    /// No convocation went out yet (amended ones asked).
    NoConvocationOut => "no_convocation_out",
    /// No interview changed since the convocations went out.
    NoConvocationChange => "no_convocation_change",
    // Allocation.
    /// Ties at the last useful rank must be settled by a vote first.
    TiesUnsettled => "ties_unsettled",
    /// No candidate is ranked.
    NobodyRanked => "nobody_ranked",
    /// Only a candidate on the main list can withdraw.
    NotOnMainList => "not_on_main_list",
    /// That decision cannot be imposed.
    DecisionNotImposable => "decision_not_imposable",
    // Minutes.
    /// The minutes are already sealed.
    MinutesAlreadySealed => "minutes_already_sealed",
    /// Blocking points prevent sealing.
    MinutesNotReady => "minutes_not_ready",
    /// The minutes are not sealed.
    MinutesNotSealed => "minutes_not_sealed",
    /// A stored version of the minutes cannot be read.
    MinutesVersionUnreadable => "minutes_version_unreadable",
    /// Only a member present at a sitting signs the minutes.
    SignerNotPresent => "signer_not_present",
    /// A signature image must be a PNG.
    SignatureNotPng => "signature_not_png",
    /// The signature image is too large.
    SignatureTooLarge => "signature_too_large",
    /// The signature image cannot be read.
    SignatureUnreadable => "signature_unreadable",
    /// The passphrase of a certificate file is wrong.
    CertificatePassphrase => "certificate_passphrase",
    /// A certificate file is not a readable PKCS #12 file.
    CertificateUnreadable => "certificate_unreadable",
    /// A certificate file holds no private key with its certificate.
    CertificateNoKey => "certificate_no_key",
    /// The certificate's key is of a kind not supported for signing.
    CertificateKeyUnsupported => "certificate_key_unsupported",
    /// The certificate is expired or not yet valid.
    CertificateNotValid => "certificate_not_valid",
    /// The certificate is not meant for signatures (key usage).
    CertificateUsage => "certificate_usage",
    /// The certificate names someone else than the member signing.
    CertificateOtherPerson => "certificate_other_person",
    /// The signature could not be added to the PDF (a damaged PDF or a bug).
    SignatureFailed => "signature_failed",
    /// The member has already signed this version of the minutes.
    AlreadySigned => "already_signed",
    /// The chair has signed: the minutes take no more signatures.
    SigningClosed => "signing_closed",
    /// The minutes carry electronic signatures: an approval would change the signed PDF.
    ApprovalAfterSignatures => "approval_after_signatures",
    /// No member of the commission matches what was typed.
    MemberUnknown => "member_unknown",
    /// Several members match what was typed.
    MemberAmbiguous => "member_ambiguous",
    // E-mail.
    /// The SMTP server cannot be reached.
    MailUnreachable => "mail_unreachable",
    /// The server's certificate does not match or is not trusted.
    MailTls => "mail_tls",
    /// The server refuses the user name or password.
    MailAuth => "mail_auth",
    /// The server refuses the connection or the sender.
    MailRefused => "mail_refused",
    /// A plain connection to a server that is not this machine.
    MailInsecure => "mail_insecure",
    /// No password is kept for the account.
    MailPasswordMissing => "mail_password_missing",
    /// A message could not be composed (a bug).
    MailInternal => "mail_internal",
    /// Sending needs the user's confirmation.
    MailNotConfirmed => "mail_not_confirmed",
    /// The system's keyring cannot be used.
    KeyringUnavailable => "keyring_unavailable",
}

/// Everything that can go wrong in a use case.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file does not exist.
    #[error("Le fichier « {} » est introuvable : vérifiez qu'il n'a pas été déplacé ou renommé, puis ouvrez-le à nouveau.", display(.0))]
    NotFound(PathBuf),
    /// The file exists but is not a CESP campaign (another SQLite file, a spreadsheet...).
    #[error("Le fichier « {} » n'est pas une campagne CESP ({reason}) : choisissez un fichier « .cesp » créé par CESP Commission.", display(.path))]
    NotACampaign {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// The file is a campaign but is damaged (truncated, corrupted).
    #[error("Le fichier « {} » est endommagé ({reason}) : il n'a pas été modifié ; restaurez une sauvegarde ou une copie récente.", display(.path))]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// The file was written by a newer version of the application.
    #[error("Le fichier « {} » a été créé par une version plus récente de CESP Commission (format {found}, cette version lit jusqu'au format {supported}) : mettez l'application à jour. Le fichier n'a pas été modifié.", display(.path))]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest schema version this build reads.
        supported: i64,
    },
    /// A read-only look at a file whose format is older than this version.
    #[error("Le fichier « {} » est dans un format plus ancien : ouvrez-le une fois dans l'application (ou avec une commande qui le modifie) pour le mettre à jour, puis réessayez.", display(.0))]
    NeedsUpgrade(PathBuf),
    /// The file or its folder cannot be written.
    #[error("Le fichier « {} » est en lecture seule : copiez-le dans un dossier où vous pouvez écrire (ou retirez sa protection en écriture), puis ouvrez la copie.", display(.0))]
    ReadOnly(PathBuf),
    /// A change was attempted on a campaign opened to read only.
    #[error("La campagne « {} » est ouverte en lecture seule (elle est déjà ouverte ailleurs, ou le fichier est protégé en écriture) : vous pouvez la consulter, pas la modifier. Fermez-la dans l'autre fenêtre, puis rouvrez-la ici pour la modifier.", file_name(.0))]
    ReadOnlyView(PathBuf),
    /// Another instance of the application (or the command line) has the file open.
    #[error("Le fichier « {} » est déjà ouvert dans une autre fenêtre de CESP Commission ou par la ligne de commande : fermez-le là-bas, puis réessayez.", display(.0))]
    Locked(PathBuf),
    /// The file is encrypted and no passphrase was given.
    #[error("Le fichier « {} » est chiffré : saisissez sa phrase de passe pour l'ouvrir.", file_name(.0))]
    PassphraseRequired(PathBuf),
    /// The passphrase given does not open the file (or the file is not a campaign).
    #[error("La phrase de passe ne permet pas d'ouvrir « {} » : vérifiez-la (majuscules, accents, espaces) et réessayez. Si elle est exacte, ce fichier n'est pas une campagne CESP. Le fichier n'a pas été modifié.", file_name(.0))]
    WrongPassphrase(PathBuf),
    /// The file to create already exists (command line, where no dialog asked).
    #[error("Le fichier « {} » existe déjà : choisissez un autre nom, ou supprimez-le d'abord si vous n'en avez plus besoin.", display(.0))]
    AlreadyExists(PathBuf),
    /// The user's input is not valid; each issue names its field.
    #[error("{}", validation_message(.0))]
    Validation(Vec<FieldIssue>),
    /// A file-system error while reading or writing a file.
    #[error("Impossible d'accéder au fichier « {} » : {source}. Vérifiez que le disque ou la clé USB est bien branché et que vous avez les droits nécessaires.", display(.path))]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's error.
        source: std::io::Error,
    },
    /// An unexpected database error (a bug or a hardware fault).
    #[error("Erreur inattendue de la base de données : {0}. Aucune modification n'a été enregistrée ; si le problème persiste, restaurez une sauvegarde.")]
    Database(#[from] rusqlite::Error),
    /// A file given to import cannot be read.
    #[error("Le fichier « {} » ne peut pas être importé : {reason}. La campagne n'a pas été modifiée.", display(.path))]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// A file given as a dossier piece cannot be attached.
    #[error("Le fichier « {} » ne peut pas être joint : {reason}. Le dossier n'a pas été modifié.", file_name(.path))]
    NotAttachable {
        /// The file.
        path: PathBuf,
        /// Why, in French.
        reason: String,
    },
    /// The user cancelled a long operation; nothing was written.
    #[error("Opération annulée : rien n'a été modifié.")]
    Cancelled,
    /// An action that cannot be done in the current state: why (a stable code the UI and
    /// scripts can branch on) and what to do (in French).
    #[error("{1}")]
    Refused(Refusal, String),
    /// A scoring sheet given back is refused; every reason is listed.
    #[error("La feuille « {} » est refusée : {}. Aucune note n'a été enregistrée.", file_name(.path), sheet_reasons(.reasons))]
    SheetRefused {
        /// The file.
        path: PathBuf,
        /// Each reason, in French ("ligne 7, « Motivation » : 6 dépasse le maximum de 5").
        reasons: Vec<String>,
    },
    /// A fact the sealed minutes state was about to change.
    #[error("Le procès-verbal est scellé (version {version}, {sealed}) : cette modification changerait ce qu'il atteste. Pour la faire, rouvrez d'abord le procès-verbal (section « Procès-verbal », « Rouvrir… », avec un motif) ; une nouvelle version devra ensuite être scellée. Rien n'a été modifié.")]
    MinutesSealed {
        /// The sealed version.
        version: i64,
        /// When and by whom, in French ("scellée le 17/01/2027 à 18 h 05 par …").
        sealed: String,
    },
    /// The requested item does not exist in the campaign.
    #[error("{what} est introuvable dans cette campagne : il a peut-être été supprimé entre-temps ; actualisez l'affichage.")]
    Missing {
        /// What was looked for, in French ("Le candidat n° 12").
        what: String,
    },
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

fn sheet_reasons(reasons: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = reasons
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ; ");
    if reasons.len() > SHOWN {
        text.push_str(&format!(" ; et {} autres problèmes", reasons.len() - SHOWN));
    }
    text
}

fn validation_message(issues: &[FieldIssue]) -> String {
    match issues {
        [] => "Les données saisies ne sont pas valides.".to_owned(),
        [one] => one.message.clone(),
        many => format!(
            "{} : {}",
            crate::fr::to_fix(many.len()),
            many.iter()
                .map(|i| i.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

impl Error {
    /// A stable, machine-readable code for the UI and `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not_found",
            Error::NotACampaign { .. } => "not_a_campaign",
            Error::Corrupt { .. } => "corrupt",
            Error::NewerVersion { .. } => "newer_version",
            Error::NeedsUpgrade(_) => "needs_upgrade",
            Error::ReadOnly(_) => "read_only",
            Error::Locked(_) => "locked",
            Error::ReadOnlyView(_) => "read_only_view",
            Error::AlreadyExists(_) => "already_exists",
            Error::PassphraseRequired(_) => "passphrase_required",
            Error::WrongPassphrase(_) => "wrong_passphrase",
            Error::Validation(_) => "validation",
            Error::Io { .. } => "io",
            Error::Database(_) => "database",
            Error::Missing { .. } => "missing",
            Error::Unreadable { .. } => "unreadable",
            Error::NotAttachable { .. } => "not_attachable",
            Error::Cancelled => "cancelled",
            Error::Refused(why, _) => why.code(),
            Error::SheetRefused { .. } => "sheet_refused",
            Error::MinutesSealed { .. } => "minutes_sealed",
        }
    }

    /// The per-field issues, for errors that have them.
    pub fn details(&self) -> Vec<FieldIssue> {
        match self {
            Error::Validation(issues) => issues.clone(),
            Error::SheetRefused { reasons, .. } => reasons
                .iter()
                .map(|r| FieldIssue::new("sheet", r.clone()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Wraps an I/O error with the file it concerns.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A workbook that could not be written to `path`.
    pub(crate) fn xlsx(path: &Path, e: rust_xlsxwriter::XlsxError) -> Self {
        Error::io(path, std::io::Error::other(e.to_string()))
    }
}

/// An error as the UI and `cesp --json` give it: `{ "code", "message", "details" }`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorReport {
    /// Stable, machine-readable code ([`Error::code`]).
    pub code: String,
    /// What is wrong and what to do, in French.
    pub message: String,
    /// The per-field problems, for forms (empty for the others).
    pub details: Vec<FieldIssue>,
}

impl From<&Error> for ErrorReport {
    fn from(e: &Error) -> Self {
        ErrorReport {
            code: e.code().to_owned(),
            message: e.to_string(),
            details: e.details(),
        }
    }
}

/// The result of every use case.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file_and_say_what_to_do() {
        let e = Error::Locked(PathBuf::from("/tmp/Amiens 2026.cesp"));
        let m = e.to_string();
        assert!(m.contains("« /tmp/Amiens 2026.cesp »"), "{m}");
        assert!(m.contains("fermez-le"), "{m}");
        assert_eq!(e.code(), "locked");
    }

    #[test]
    fn every_refusal_has_its_own_code() {
        let mut codes: Vec<&str> = Refusal::ALL.iter().map(|r| r.code()).collect();
        assert!(codes.len() > 60, "{}", codes.len());
        assert!(codes
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_')));
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), before, "two refusals share a code");
        // A refusal's code is not one of the other errors' codes.
        for other in ["refused", "validation", "locked", "missing", "cancelled"] {
            assert!(!codes.contains(&other), "{other}");
        }
    }

    #[test]
    fn a_refusal_reports_its_code_and_its_french_message() {
        let e = Error::Refused(
            Refusal::TiesUnsettled,
            "Des candidats sont ex aequo au dernier rang utile : la commission doit les départager par un vote.".into(),
        );
        assert_eq!(e.code(), "ties_unsettled");
        let json = serde_json::to_value(ErrorReport::from(&e)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "ties_unsettled",
                "message": "Des candidats sont ex aequo au dernier rang utile : la commission doit les départager par un vote.",
                "details": [],
            })
        );
    }

    #[test]
    fn a_validation_error_reports_each_field() {
        let e = Error::Validation(vec![
            FieldIssue::new(
                "quotas.student.medicine",
                "« Étudiants — médecine » : « 3,x » n'est pas un nombre.",
            ),
            FieldIssue::new(
                "academic_year",
                "« Année universitaire » : écrivez-la comme 2026-2027.",
            ),
        ]);
        let json = serde_json::to_value(ErrorReport::from(&e)).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(json["details"][0]["field"], "quotas.student.medicine");
        assert_eq!(
            json["details"][1]["message"],
            "« Année universitaire » : écrivez-la comme 2026-2027."
        );
        assert!(json["message"]
            .as_str()
            .unwrap()
            .starts_with("2 points sont à corriger : "));
        assert_eq!(json.as_object().unwrap().len(), 3);
    }

    #[test]
    fn validation_lists_every_field() {
        let e = Error::Validation(vec![
            FieldIssue::new("a", "Premier problème."),
            FieldIssue::new("b", "Second problème."),
        ]);
        assert_eq!(
            e.to_string(),
            "2 points sont à corriger : Premier problème. Second problème."
        );
        assert_eq!(e.details().len(), 2);
    }
}
