//! The campaign document: one SQLite file, its migrations, its lock and its journal.
//!
//! A file is validated read-only before anything may write to it, so a damaged, foreign
//! or newer file is never modified. Every use case runs in one transaction that also
//! appends its journal entry.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::cipher::read_up_to;
use crate::cipher::{self, Passphrase};
use crate::error::{Error, Result};
use crate::journal;

/// `PRAGMA application_id` of a campaign file: "CESP" in ASCII.
pub const APPLICATION_ID: i64 = 0x4345_5350;

/// The ordered list of schema migrations. Never edit a published entry: add a new one.
/// The schema version of a file is the number of entries applied (`PRAGMA user_version`).
pub const MIGRATIONS: &[&str] = &[
    // 1: the campaign, its quotas and the append-only journal.
    r#"
    CREATE TABLE campaign (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        ufr_name TEXT NOT NULL,
        university TEXT NOT NULL,
        city TEXT NOT NULL,
        academic_year TEXT NOT NULL,
        disciplines TEXT NOT NULL,
        dossier_deadline TEXT,
        managing_body TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE quota (
        category TEXT NOT NULL CHECK (category IN ('student', 'intern', 'padhue')),
        discipline TEXT NOT NULL CHECK (discipline IN ('medicine', 'odontology')),
        count INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (category, discipline)
    );
    CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        details TEXT NOT NULL
    );
    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    "#,
    // 2: candidates and commission members.
    r#"
    CREATE TABLE candidate (
        id INTEGER PRIMARY KEY,
        last_name TEXT NOT NULL,
        first_names TEXT NOT NULL,
        birth_name TEXT,
        birth_date TEXT,
        sex TEXT,
        email TEXT,
        phone TEXT,
        student_number TEXT,
        category TEXT NOT NULL CHECK (category IN ('student', 'intern', 'padhue')),
        discipline TEXT NOT NULL CHECK (discipline IN ('medicine', 'odontology')),
        study_year TEXT,
        specialty TEXT,
        practice_mode TEXT,
        region TEXT,
        national_rank INTEGER,
        cohort_size INTEGER,
        average_n1 REAL,
        average_n2 REAL,
        ars_agreement INTEGER,
        nationality TEXT,
        dossier_received TEXT,
        notes TEXT
    );
    CREATE INDEX candidate_name ON candidate (last_name, first_names);
    CREATE TABLE member (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        voting INTEGER NOT NULL,
        email TEXT
    );
    "#,
    // 3: imports (each a batch that can be undone) and what each candidate last received
    // from a file, to tell the user's own edits from imported values.
    r#"
    CREATE TABLE import_batch (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        sheet TEXT,
        mapping TEXT NOT NULL,
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        undone_at TEXT
    );
    ALTER TABLE campaign ADD COLUMN backups_kept INTEGER NOT NULL DEFAULT 20;
    ALTER TABLE journal ADD COLUMN reference INTEGER;
    -- The journal is hash-chained: each row's hash covers the previous hash and the row;
    -- the head keeps the count and the last hash, so a row removed at the end shows too.
    ALTER TABLE journal ADD COLUMN hash TEXT;
    CREATE TABLE journal_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        count INTEGER NOT NULL,
        hash TEXT NOT NULL
    );
    -- Rows written before the chain existed get their hash once (see journal::chain_unhashed).
    DROP TRIGGER journal_no_update;
    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal WHEN OLD.hash IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    ALTER TABLE candidate ADD COLUMN imported TEXT;
    ALTER TABLE candidate ADD COLUMN import_batch INTEGER REFERENCES import_batch (id);
    CREATE INDEX candidate_student_number ON candidate (student_number);
    CREATE TABLE import_change (
        batch INTEGER NOT NULL REFERENCES import_batch (id),
        candidate INTEGER NOT NULL,
        before_data TEXT NOT NULL,
        before_imported TEXT
    );
    "#,
    // 4: the commission at work: its rules, sittings and presence, recusals, the scoring
    // grid (with a default one), the scores and their validation. Values, scales and
    // weights are stored in hundredths so totals are exact and reproducible to the cent.
    r#"
    ALTER TABLE campaign ADD COLUMN uid TEXT;
    UPDATE campaign SET uid = lower(hex(randomblob(16)));
    CREATE TRIGGER campaign_uid AFTER INSERT ON campaign WHEN NEW.uid IS NULL
        BEGIN UPDATE campaign SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
    CREATE TABLE commission_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        quorum_kind TEXT NOT NULL DEFAULT 'half' CHECK (quorum_kind IN ('half', 'count')),
        quorum_count INTEGER NOT NULL DEFAULT 0 CHECK (quorum_count >= 0),
        majority TEXT NOT NULL DEFAULT 'present' CHECK (majority IN ('present', 'voting')),
        casting_vote_chair INTEGER NOT NULL DEFAULT 1,
        aggregation TEXT NOT NULL DEFAULT 'mean'
            CHECK (aggregation IN ('mean', 'median', 'trimmed')),
        disagreement_percent INTEGER NOT NULL DEFAULT 20,
        normalise INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO commission_rules (id) VALUES (1);
    CREATE TABLE sitting (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        start_time TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL
    );
    CREATE TABLE presence (
        sitting INTEGER NOT NULL REFERENCES sitting (id) ON DELETE CASCADE,
        member INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
        PRIMARY KEY (sitting, member)
    );
    CREATE TABLE recusal (
        member INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (member, candidate)
    );
    CREATE TABLE grid_block (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (code IN ('project', 'academic', 'interview')),
        label TEXT NOT NULL,
        position INTEGER NOT NULL
    );
    CREATE TABLE criterion (
        id INTEGER PRIMARY KEY,
        block INTEGER NOT NULL REFERENCES grid_block (id),
        label TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('members', 'academic')),
        scale_max INTEGER NOT NULL CHECK (scale_max > 0),
        step INTEGER NOT NULL CHECK (step > 0),
        weight INTEGER NOT NULL CHECK (weight >= 0),
        low TEXT NOT NULL DEFAULT '',
        middle TEXT NOT NULL DEFAULT '',
        high TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL
    );
    INSERT INTO grid_block (id, code, label, position) VALUES
        (1, 'project', 'Projet professionnel', 1),
        (2, 'academic', 'Résultats universitaires', 2),
        (3, 'interview', 'Entretien', 3);
    INSERT INTO criterion (block, label, source, scale_max, step, weight, low, middle, high, position) VALUES
        (1, 'Précision et maturité du projet', 'members', 500, 50, 100,
         'Projet vague : spécialité, mode et lieu d''exercice non définis.',
         'Projet défini mais peu argumenté.',
         'Projet précis et réaliste : spécialité, mode et lieu d''exercice argumentés.', 1),
        (1, 'Connaissance des territoires sous-dotés', 'members', 500, 50, 100,
         'Ne connaît ni les zones sous-denses ni leurs besoins.',
         'Connaissance générale des zones et des besoins.',
         'Connaît les zones (ZIP, ZAC), les structures et les besoins de la région.', 2),
        (1, 'Cohérence avec le parcours', 'members', 500, 50, 100,
         'Aucun lien entre le parcours et le projet.',
         'Quelques éléments du parcours (stages, engagements) vont dans le sens du projet.',
         'Stages et engagements cohérents avec le projet.', 3),
        (2, 'Résultats universitaires', 'academic', 500, 1, 200,
         'Résultats faibles au regard de la promotion.',
         'Résultats dans la moyenne de la promotion.',
         'Excellents résultats au regard de la promotion.', 4),
        (3, 'Motivation et engagement', 'members', 500, 50, 100,
         'Motivation surtout financière, engagement peu réfléchi.',
         'Motivation sincère mais engagement encore général.',
         'Motivation solide, engagement réfléchi et durable.', 5),
        (3, 'Qualité de l''argumentation', 'members', 500, 50, 100,
         'Réponses confuses ou hors sujet.',
         'Réponses claires mais peu développées.',
         'Réponses claires, structurées et convaincantes.', 6),
        (3, 'Compréhension des obligations du CESP', 'members', 500, 50, 100,
         'Méconnaît la durée d''engagement et les obligations.',
         'Connaît l''essentiel des obligations.',
         'Maîtrise les obligations (durée, zones, tarifs, remboursement en cas de rupture).', 7);
    CREATE TABLE hearing (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
        sitting INTEGER NOT NULL REFERENCES sitting (id)
    );
    CREATE TABLE score (
        member INTEGER NOT NULL REFERENCES member (id),
        candidate INTEGER NOT NULL REFERENCES candidate (id),
        criterion INTEGER NOT NULL REFERENCES criterion (id),
        value INTEGER NOT NULL CHECK (value >= 0),
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        PRIMARY KEY (member, candidate, criterion)
    );
    CREATE INDEX score_candidate ON score (candidate);
    CREATE TABLE academic_override (
        candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
        criterion INTEGER NOT NULL REFERENCES criterion (id),
        value INTEGER NOT NULL CHECK (value >= 0),
        reason TEXT NOT NULL,
        PRIMARY KEY (candidate, criterion)
    );
    CREATE TABLE score_lock (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        operator TEXT NOT NULL
    );
    "#,
    // 5: dossiers: the campaign's checklist of pieces (with the defaults of the texts),
    // each candidate's pieces, attachments kept in the file (deduplicated by SHA-256),
    // eligibility overrides, and how long to keep the data of candidates not retained.
    r#"
    CREATE TABLE piece (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        mandatory INTEGER NOT NULL,
        categories TEXT NOT NULL,
        condition TEXT NOT NULL DEFAULT 'none' CHECK (condition IN ('none', 'foreign')),
        position INTEGER NOT NULL
    );
    INSERT INTO piece (code, label, mandatory, categories, condition, position) VALUES
        ('application_form', 'Formulaire de candidature', 1, 'student,intern', 'none', 1),
        ('enrolment', 'Certificat de scolarité (année d''études)', 1, 'student,intern', 'none', 2),
        ('identity', 'Pièce d''identité (carte d''identité ou passeport) et photo', 1, 'student,intern,padhue', 'none', 3),
        ('residence_permit', 'Titre de séjour', 1, 'student,intern,padhue', 'foreign', 4),
        ('cv', 'Curriculum vitae', 1, 'student,intern', 'none', 5),
        ('rib', 'Relevé d''identité bancaire (RIB)', 1, 'student,intern', 'none', 6),
        ('motivation', 'Lettre de motivation dactylographiée (projet professionnel)', 1, 'student,intern,padhue', 'none', 7),
        ('transcript_n1', 'Relevé de notes de l''année N-1', 1, 'student,intern', 'none', 8),
        ('transcript_n2', 'Relevé de notes de l''année N-2', 1, 'student,intern', 'none', 9),
        ('national_rank', 'Classement national (ECN / EDN)', 1, 'intern', 'none', 10),
        ('ars_agreement', 'Accord écrit de l''ARS', 0, 'student,intern,padhue', 'none', 11);
    CREATE TABLE piece_status (
        candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
        piece INTEGER NOT NULL REFERENCES piece (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('received', 'missing', 'not_compliant', 'not_required')),
        received_on TEXT,
        reason TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (candidate, piece)
    );
    CREATE TABLE blob (
        sha256 TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        size INTEGER NOT NULL,
        data BLOB NOT NULL
    );
    CREATE TABLE attachment (
        id INTEGER PRIMARY KEY,
        candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
        piece INTEGER NOT NULL REFERENCES piece (id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES blob (sha256),
        added_at TEXT NOT NULL
    );
    CREATE INDEX attachment_candidate ON attachment (candidate);
    CREATE TABLE eligibility_override (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
        eligible INTEGER NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL
    );
    ALTER TABLE campaign ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 12;
    "#,
    // 6: allocation of the contracts: the gates and the tie-break chain, quotas restricted
    // to specialties, recorded tie votes, the commission's overrides, withdrawals, and
    // every run kept in the history.
    r#"
    CREATE TABLE allocation_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        min_total INTEGER,
        require_eligible INTEGER NOT NULL DEFAULT 1,
        require_heard INTEGER NOT NULL DEFAULT 1,
        require_ars INTEGER NOT NULL DEFAULT 0,
        complementary_size INTEGER,
        tie_chain TEXT NOT NULL DEFAULT 'interview,project,academic'
    );
    INSERT INTO allocation_rules (id) VALUES (1);
    CREATE TABLE specialty_quota (
        category TEXT NOT NULL,
        discipline TEXT NOT NULL,
        specialty TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count >= 0),
        PRIMARY KEY (category, discipline, specialty)
    );
    CREATE TABLE tie_vote (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id),
        position INTEGER NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL
    );
    CREATE TABLE decision_override (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id),
        outcome TEXT NOT NULL CHECK (outcome IN ('main', 'complementary', 'not_retained')),
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL
    );
    CREATE TABLE withdrawal (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id),
        on_date TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('withdrawal', 'not_returned')),
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL
    );
    CREATE TABLE allocation_run (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        reason TEXT NOT NULL,
        quotas TEXT NOT NULL,
        result TEXT NOT NULL
    );
    "#,
    // 7: the minutes, sealed version by version; while a version is sealed, the facts it
    // states cannot change (triggers), unless the minutes are reopened (or a purge runs,
    // which says so through `seal_bypass` inside its own transaction).
    r#"
    CREATE TABLE minutes_version (
        id INTEGER PRIMARY KEY,
        sealed_at TEXT NOT NULL,
        sealed_by TEXT NOT NULL,
        signed_on TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        reopened_at TEXT,
        reopened_by TEXT,
        reopen_reason TEXT
    );
    CREATE TABLE minutes_pdf (
        sha256 TEXT PRIMARY KEY,
        version INTEGER NOT NULL REFERENCES minutes_version (id),
        at TEXT NOT NULL,
        stage TEXT NOT NULL
    );
    CREATE TABLE minutes_approval (
        version INTEGER NOT NULL REFERENCES minutes_version (id),
        member INTEGER NOT NULL REFERENCES member (id),
        at TEXT NOT NULL,
        PRIMARY KEY (version, member)
    );
    CREATE TABLE member_signature (
        member INTEGER PRIMARY KEY REFERENCES member (id),
        png BLOB NOT NULL
    );
    CREATE TABLE seal_bypass (id INTEGER PRIMARY KEY CHECK (id = 1));
    CREATE VIEW minutes_sealed AS
        SELECT 1 AS sealed FROM minutes_version WHERE reopened_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM seal_bypass);
    CREATE TRIGGER minutes_version_no_delete BEFORE DELETE ON minutes_version
        BEGIN SELECT RAISE(ABORT, 'cesp:minutes-history'); END;
    CREATE TRIGGER minutes_version_no_rewrite BEFORE UPDATE OF id, sealed_at, sealed_by, signed_on, fingerprint ON minutes_version
        BEGIN SELECT RAISE(ABORT, 'cesp:minutes-history'); END;
    CREATE TRIGGER campaign_sealed BEFORE UPDATE OF ufr_name, university, city, academic_year, disciplines, managing_body ON campaign
        WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER quota_sealed_insert BEFORE INSERT ON quota WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER quota_sealed_update BEFORE UPDATE ON quota WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER quota_sealed_delete BEFORE DELETE ON quota WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER candidate_sealed_insert BEFORE INSERT ON candidate WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER candidate_sealed_update BEFORE UPDATE ON candidate WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER candidate_sealed_delete BEFORE DELETE ON candidate WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER member_sealed_insert BEFORE INSERT ON member WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER member_sealed_update BEFORE UPDATE ON member WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER member_sealed_delete BEFORE DELETE ON member WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER commission_rules_sealed_insert BEFORE INSERT ON commission_rules WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER commission_rules_sealed_update BEFORE UPDATE ON commission_rules WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER commission_rules_sealed_delete BEFORE DELETE ON commission_rules WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER sitting_sealed_insert BEFORE INSERT ON sitting WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER sitting_sealed_update BEFORE UPDATE ON sitting WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER sitting_sealed_delete BEFORE DELETE ON sitting WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER presence_sealed_insert BEFORE INSERT ON presence WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER presence_sealed_update BEFORE UPDATE ON presence WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER presence_sealed_delete BEFORE DELETE ON presence WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER recusal_sealed_insert BEFORE INSERT ON recusal WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER recusal_sealed_update BEFORE UPDATE ON recusal WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER recusal_sealed_delete BEFORE DELETE ON recusal WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER grid_block_sealed_insert BEFORE INSERT ON grid_block WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER grid_block_sealed_update BEFORE UPDATE ON grid_block WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER grid_block_sealed_delete BEFORE DELETE ON grid_block WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER criterion_sealed_insert BEFORE INSERT ON criterion WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER criterion_sealed_update BEFORE UPDATE ON criterion WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER criterion_sealed_delete BEFORE DELETE ON criterion WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER hearing_sealed_insert BEFORE INSERT ON hearing WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER hearing_sealed_update BEFORE UPDATE ON hearing WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER hearing_sealed_delete BEFORE DELETE ON hearing WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER score_sealed_insert BEFORE INSERT ON score WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER score_sealed_update BEFORE UPDATE ON score WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER score_sealed_delete BEFORE DELETE ON score WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER academic_override_sealed_insert BEFORE INSERT ON academic_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER academic_override_sealed_update BEFORE UPDATE ON academic_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER academic_override_sealed_delete BEFORE DELETE ON academic_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER score_lock_sealed_insert BEFORE INSERT ON score_lock WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER score_lock_sealed_update BEFORE UPDATE ON score_lock WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER score_lock_sealed_delete BEFORE DELETE ON score_lock WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER piece_sealed_insert BEFORE INSERT ON piece WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER piece_sealed_update BEFORE UPDATE ON piece WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER piece_sealed_delete BEFORE DELETE ON piece WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER piece_status_sealed_insert BEFORE INSERT ON piece_status WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER piece_status_sealed_update BEFORE UPDATE ON piece_status WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER piece_status_sealed_delete BEFORE DELETE ON piece_status WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER eligibility_override_sealed_insert BEFORE INSERT ON eligibility_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER eligibility_override_sealed_update BEFORE UPDATE ON eligibility_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER eligibility_override_sealed_delete BEFORE DELETE ON eligibility_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER allocation_rules_sealed_insert BEFORE INSERT ON allocation_rules WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER allocation_rules_sealed_update BEFORE UPDATE ON allocation_rules WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER allocation_rules_sealed_delete BEFORE DELETE ON allocation_rules WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER specialty_quota_sealed_insert BEFORE INSERT ON specialty_quota WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER specialty_quota_sealed_update BEFORE UPDATE ON specialty_quota WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER specialty_quota_sealed_delete BEFORE DELETE ON specialty_quota WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER tie_vote_sealed_insert BEFORE INSERT ON tie_vote WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER tie_vote_sealed_update BEFORE UPDATE ON tie_vote WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER tie_vote_sealed_delete BEFORE DELETE ON tie_vote WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER decision_override_sealed_insert BEFORE INSERT ON decision_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER decision_override_sealed_update BEFORE UPDATE ON decision_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER decision_override_sealed_delete BEFORE DELETE ON decision_override WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER withdrawal_sealed_insert BEFORE INSERT ON withdrawal WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER withdrawal_sealed_update BEFORE UPDATE ON withdrawal WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    CREATE TRIGGER withdrawal_sealed_delete BEFORE DELETE ON withdrawal WHEN EXISTS (SELECT 1 FROM minutes_sealed) BEGIN SELECT RAISE(ABORT, 'cesp:minutes-sealed'); END;
    "#,
    // 8: the interview plan: its settings, days, juries, unavailabilities, preferences and
    // the interviews themselves (pinned ones kept when planning again).
    r#"
    CREATE TABLE schedule_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        interview_minutes INTEGER NOT NULL DEFAULT 30,
        buffer_minutes INTEGER NOT NULL DEFAULT 5,
        min_jury_size INTEGER NOT NULL DEFAULT 3,
        required_role TEXT,
        separate_populations INTEGER NOT NULL DEFAULT 1,
        bring TEXT NOT NULL DEFAULT '[]',
        contact TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO schedule_settings (id) VALUES (1);
    CREATE TABLE schedule_day (
        date TEXT PRIMARY KEY,
        opening INTEGER NOT NULL,
        closing INTEGER NOT NULL,
        breaks TEXT NOT NULL DEFAULT '[]',
        place TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE jury (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        room TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE jury_member (
        jury INTEGER NOT NULL REFERENCES jury (id) ON DELETE CASCADE,
        member INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        PRIMARY KEY (jury, member)
    );
    CREATE TABLE unavailability (
        member INTEGER REFERENCES member (id) ON DELETE CASCADE,
        candidate INTEGER REFERENCES candidate (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon')),
        reason TEXT NOT NULL DEFAULT '',
        CHECK ((member IS NULL) <> (candidate IS NULL))
    );
    CREATE TABLE preference (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon'))
    );
    CREATE TABLE interview (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
        jury INTEGER NOT NULL REFERENCES jury (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0
    );
    "#,
    // 9: how the academic block of PADHUE candidates (no French university results) is
    // assessed: waived with the other blocks brought to the full total, or scored by the
    // commission on their diploma and experience.
    r#"
    ALTER TABLE commission_rules ADD COLUMN padhue_academic TEXT NOT NULL DEFAULT 'waived'
        CHECK (padhue_academic IN ('waived', 'commission'));
    "#,
];

/// The newest schema version this build reads and writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// An open campaign file, held exclusively by this process until dropped.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The passphrase of an encrypted file (`None`: plain SQLite).
    key: Option<Passphrase>,
    // Held for its advisory lock (none when read-only); released by the OS when the
    // process dies.
    _lock: Option<File>,
}

impl Store {
    /// Creates a new, empty campaign file at `path`, runs `init` in the same transaction
    /// as the schema, and opens it. An existing file is refused unless `replace` (the user
    /// confirmed it in the save dialog), and even then only when no one has it open.
    ///
    /// The file is built under a temporary name and renamed into place, so a crash never
    /// leaves a half-made campaign under the user's chosen name, nor destroys the old one.
    /// With `key`, the file is encrypted from its first byte.
    pub fn create(
        path: &Path,
        replace: bool,
        key: Option<&Passphrase>,
        init: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<Store> {
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        if path.exists() && (!replace || path.is_dir()) {
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        let dir = parent_dir(path);
        if !dir.is_dir() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "dossier introuvable"),
            ));
        }
        let tmp = dir.join(format!(
            ".{}.creating-{}",
            file_name(path),
            std::process::id()
        ));
        let _ = std::fs::remove_file(&tmp);
        let result = (|| {
            let mut conn = cipher::open(&tmp, OpenFlags::default(), key)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            // Already in the mode every writer uses: switching it after the rename would
            // leave, if killed meanwhile, a hot journal that only a writer can roll back.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            let tx = conn.transaction()?;
            migrate(&tx, 0)?;
            init(&tx)?;
            tx.commit()?;
            conn.close().map_err(|(_, e)| Error::Database(e))?;
            Ok(())
        })();
        if let Err(e) = result {
            discard(&tmp);
            return Err(e);
        }
        put_in_place(&tmp, path, replace)?;
        Store::open(path, key)
    }

    /// Closes the file: its write-ahead log is copied into it and removed, and its lock
    /// released.
    pub fn close(self) -> Result<()> {
        self.conn.close().map_err(|(_, e)| Error::Database(e))
    }

    /// Opens an existing campaign file for writing, upgrading its schema if it is older.
    /// An encrypted file needs its passphrase `key`; a plain file ignores it.
    pub fn open(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        Self::open_with(path, key, |_, _| Ok(()))
    }

    /// Like [`Store::open`], running `before_upgrade` on the opened file (with its key)
    /// before anything is written to it (the opening backup).
    pub fn open_with(
        path: &Path,
        key: Option<&Passphrase>,
        before_upgrade: impl FnOnce(&Connection, Option<&Passphrase>) -> Result<()>,
    ) -> Result<Store> {
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        let key = check_file(path, key)?;
        let lock = acquire_lock(path)?;
        recover_hot_journal(path, key.as_ref())?;
        let version = inspect(path, key.as_ref())?;
        let mut conn = open_writable(path, key.as_ref())?;
        before_upgrade(&conn, key.as_ref())?;
        if version < latest_version() {
            let tx = conn.transaction()?;
            migrate(&tx, version)?;
            tx.commit()?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            key,
            _lock: Some(lock),
        })
    }

    /// Opens a campaign file for reading only: no lock is taken, so this works while the
    /// app (or another command) has the file open for writing, and on read-only media.
    /// Writes through this store fail.
    pub fn open_read_only(path: &Path, key: Option<&Passphrase>) -> Result<Store> {
        let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        let key = match check_file(path, key) {
            Ok(key) => key,
            Err(Error::ReadOnly(_)) => key.filter(|_| cipher::is_encrypted(path)).cloned(),
            Err(e) => return Err(e),
        };
        let version = inspect(path, key.as_ref())?;
        if version < latest_version() {
            return Err(Error::NeedsUpgrade(path.to_path_buf()));
        }
        let conn = cipher::open(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            key.as_ref(),
        )
        .map_err(|e| classify(path, key.as_ref(), e))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            key,
            _lock: None,
        })
    }

    /// The passphrase of this file, when it is encrypted.
    pub fn key(&self) -> Option<&Passphrase> {
        self.key.as_ref()
    }

    /// Encrypts the file with `new` (or decrypts it, with `None`), after running `last`
    /// on the converted copy (its journal entry). The copy is made under a temporary name
    /// and renamed over the file: a crash leaves either the old file or the new one, whole.
    pub fn rekey(
        &mut self,
        new: Option<&Passphrase>,
        last: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<()> {
        if self.is_read_only() {
            return Err(Error::ReadOnlyView(self.path.clone()));
        }
        let path = self.path.clone();
        let tmp = parent_dir(&path).join(format!(
            ".{}.chiffrement-{}",
            file_name(&path),
            std::process::id()
        ));
        let result = (|| {
            cipher::export(&self.conn, &tmp, new)?;
            let mut copy = cipher::open(&tmp, OpenFlags::SQLITE_OPEN_READ_WRITE, new)
                .map_err(|e| classify(&tmp, new, e))?;
            // As in `create`: the copy is in its final journal mode before it is renamed.
            copy.pragma_update(None, "journal_mode", "WAL")?;
            let tx = copy.transaction()?;
            last(&tx)?;
            tx.commit()?;
            copy.close().map_err(|(_, e)| Error::Database(e))?;
            // The connection closes (and checkpoints) before the file is replaced: Windows
            // does not rename over an open file.
            let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
            old.close().map_err(|(_, e)| Error::Database(e))?;
            remove_wal_files(&path);
            std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
        })();
        let _ = std::fs::remove_file(&tmp);
        remove_wal_files(&tmp);
        let key = if result.is_ok() {
            new.cloned()
        } else {
            self.key.clone()
        };
        // Reopen whichever file is now in place (the old one if anything failed).
        self.conn = open_writable(&path, key.as_ref())?;
        self.key = key;
        result
    }

    /// Replaces the whole database with the content of `source` (a backup), upgraded if
    /// it was written by an older version, then runs `f` on it (what the restore carries
    /// forward) and journals the entry `f` returns.
    ///
    /// The restored content is prepared in a file beside `source`, then copied over the
    /// campaign in one step: a crash leaves either the campaign as it was or the restored
    /// one with its journal entry, never a mix. An encrypted campaign's backups are
    /// encrypted with the same passphrase, and so is the prepared file.
    pub fn restore_from(
        &mut self,
        source: &Path,
        operator: &str,
        f: impl FnOnce(&Transaction) -> Result<journal::Entry>,
    ) -> Result<()> {
        if self.is_read_only() {
            return Err(Error::ReadOnlyView(self.path.clone()));
        }
        let key = self.key.clone();
        let staged = source.with_extension("restauration");
        let clear = |file: &Path| {
            let _ = std::fs::remove_file(file);
            remove_wal_files(file);
        };
        clear(&staged);
        let result = (|| -> Result<()> {
            let from = cipher::open(source, OpenFlags::SQLITE_OPEN_READ_ONLY, key.as_ref())
                .map_err(|e| classify(source, key.as_ref(), e))?;
            let mut work = cipher::open(&staged, OpenFlags::default(), key.as_ref())
                .map_err(|e| classify(&staged, key.as_ref(), e))?;
            rusqlite::backup::Backup::new(&from, &mut work)
                .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
                .map_err(|e| classify(source, key.as_ref(), e))?;
            drop(from);
            let version: i64 = work.pragma_query_value(None, "user_version", |r| r.get(0))?;
            let tx = work.transaction()?;
            if version < latest_version() {
                migrate(&tx, version)?;
            }
            let entry = f(&tx)?;
            journal::append(&tx, operator, &entry)?;
            tx.commit()?;
            // All pages in one step: one write transaction on the campaign.
            let copy = rusqlite::backup::Backup::new(&work, &mut self.conn)?;
            match copy.step(-1)? {
                rusqlite::backup::StepResult::Done => Ok(()),
                _ => Err(Error::Locked(self.path.clone())),
            }
        })();
        clear(&staged);
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        result
    }

    /// The file this store is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs one use case in one transaction; `f` returns its value and the journal entry
    /// to append. Nothing is written unless everything succeeds.
    pub fn write<T>(
        &mut self,
        operator: &str,
        f: impl FnOnce(&Transaction) -> Result<(T, Option<journal::Entry>)>,
    ) -> Result<T> {
        if self.is_read_only() {
            return Err(Error::ReadOnlyView(self.path.clone()));
        }
        let tx = self.conn.transaction()?;
        let (value, entry) = f(&tx).map_err(|e| sealed_refusal(&tx, e))?;
        if let Some(entry) = entry {
            journal::append(&tx, operator, &entry)?;
        }
        tx.commit()?;
        // Copy the write-ahead log into the file itself at once: a user who copies the
        // `.cesp` (to a USB key, to merge it elsewhere) while the app is open gets every
        // confirmed change, not the state of the last automatic checkpoint.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        Ok(value)
    }

    /// Opened to read only (the file is open elsewhere or write-protected).
    pub fn is_read_only(&self) -> bool {
        self._lock.is_none()
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

/// A write refused by the seal's triggers, said as such (with the version that holds it).
fn sealed_refusal(conn: &Connection, e: Error) -> Error {
    if !e.to_string().contains("cesp:minutes-sealed") {
        return e;
    }
    let found: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, sealed_at, sealed_by FROM minutes_version WHERE reopened_at IS NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .ok();
    match found {
        Some((version, at, by)) => Error::MinutesSealed {
            version,
            sealed: format!("scellée le {} par {by}", crate::fr::timestamp(&at)),
        },
        None => e,
    }
}

/// Applies the migrations after `from` inside `tx` and records the new version.
fn migrate(tx: &Transaction, from: i64) -> Result<()> {
    for sql in MIGRATIONS.iter().skip(from as usize) {
        tx.execute_batch(sql)?;
    }
    journal::chain_unhashed(tx)?;
    tx.pragma_update(None, "user_version", latest_version())?;
    Ok(())
}

/// Builds a file at an earlier schema version, for the upgrade tests.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: usize) -> Result<()> {
    let mut conn = Connection::open(path)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    let tx = conn.transaction()?;
    for sql in &MIGRATIONS[..version] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", version as i64)?;
    tx.commit()?;
    Ok(())
}

/// Rolls back the rollback journal a writer killed mid-transaction left beside `path`
/// (a "hot" journal), which restores the file as it was before that transaction. Only a
/// connection that may write can do it: the read-only inspection would otherwise take
/// the file for write-protected. Called with the file's lock held.
fn recover_hot_journal(path: &Path, key: Option<&Passphrase>) -> Result<()> {
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    if !Path::new(&journal).exists() {
        return Ok(());
    }
    let conn = cipher::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| classify(path, key, e))?;
    // SQLite rolls a hot journal back on the first read.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|e| classify(path, key, e))?;
    Ok(())
}

/// Renames the finished, closed campaign file `built` to `path`. An existing file there is
/// refused unless `replace`, and then only when no one has it open (its lock is held
/// across the rename). A crash leaves the old file or the new one, whole; `built` is
/// removed when it could not be put in place.
pub(crate) fn put_in_place(built: &Path, path: &Path, replace: bool) -> Result<()> {
    let path = &std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let held = if path.exists() {
        if !replace || path.is_dir() {
            discard(built);
            return Err(Error::AlreadyExists(path.to_path_buf()));
        }
        match acquire_lock(path) {
            Ok(lock) => Some(lock),
            Err(e) => {
                discard(built);
                return Err(e);
            }
        }
    } else {
        None
    };
    if held.is_some() {
        remove_wal_files(path);
    }
    std::fs::rename(built, path).map_err(|e| {
        discard(built);
        Error::io(path, e)
    })
}

/// Removes a file and its write-ahead log (a file built aside and not kept).
pub(crate) fn discard(path: &Path) {
    let _ = std::fs::remove_file(path);
    remove_wal_files(path);
}

/// Removes the write-ahead log of the file at `path` before another file is renamed over
/// it: a stale log of the replaced file must not be replayed into the new one.
fn remove_wal_files(path: &Path) {
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "campagne".to_owned())
}

/// The advisory lock that keeps a second instance (or the CLI) from writing the same
/// file. It lives in the system's temporary folder, named after the file's full path, so
/// that nothing is left beside the campaign (on a USB key, say); the OS releases it when
/// the process dies.
fn lock_path(path: &Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(path.to_string_lossy().as_bytes());
    let name: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    std::env::temp_dir()
        .join("cesp-verrous")
        .join(format!("{name}.lock"))
}

fn acquire_lock(path: &Path) -> Result<File> {
    let lp = lock_path(path);
    if let Some(dir) = lp.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lp)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
                Error::ReadOnly(path.to_path_buf())
            }
            _ => Error::io(path, e),
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked(path.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(path, e)),
    }
}

/// Opens the campaign file for writing, with the settings every writer uses.
fn open_writable(path: &Path, key: Option<&Passphrase>) -> Result<Connection> {
    let conn = cipher::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| classify(path, key, e))?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| classify(path, key, e))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Cheap checks on the raw bytes, before SQLite sees the file. Returns the key to open it
/// with: `key` for an encrypted file (required), none for a plain one.
fn check_file(path: &Path, key: Option<&Passphrase>) -> Result<Option<Passphrase>> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound(path.to_path_buf()))
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.is_dir() {
        return Err(Error::NotACampaign {
            path: path.to_path_buf(),
            reason: "c'est un dossier".into(),
        });
    }
    let not_campaign = |reason: &str| Error::NotACampaign {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    if meta.len() == 0 {
        return Err(not_campaign("le fichier est vide"));
    }
    let mut header = [0u8; 100];
    let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
    let n = read_up_to(&mut f, &mut header).map_err(|e| Error::io(path, e))?;
    if n < 16 || header[..16] != cipher::PLAIN_HEADER[..] {
        // An encrypted file has no readable header: only its passphrase tells.
        if !cipher::looks_encrypted(&header[..n], meta.len()) {
            return Err(not_campaign("son contenu n'est pas celui d'une campagne"));
        }
        let Some(key) = key else {
            return Err(Error::PassphraseRequired(path.to_path_buf()));
        };
        if meta.permissions().readonly() {
            return Err(Error::ReadOnly(path.to_path_buf()));
        }
        return Ok(Some(key.clone()));
    }
    let corrupt = |reason: &str| Error::Corrupt {
        path: path.to_path_buf(),
        reason: reason.to_owned(),
    };
    if n < 100 {
        return Err(corrupt("le fichier est tronqué"));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        p => u64::from(p),
    };
    if page_size < 512 || !page_size.is_power_of_two() || meta.len() % page_size != 0 {
        return Err(corrupt("le fichier est tronqué"));
    }
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    let pages = u32::from_be_bytes([header[28], header[29], header[30], header[31]]);
    if change_counter == valid_for && u64::from(pages) * page_size > meta.len() {
        return Err(corrupt("le fichier est tronqué"));
    }
    if meta.permissions().readonly() {
        return Err(Error::ReadOnly(path.to_path_buf()));
    }
    Ok(None)
}

/// Reads the file's identity and integrity through a read-only connection and returns
/// its schema version. Nothing here can modify the file.
fn inspect(path: &Path, key: Option<&Passphrase>) -> Result<i64> {
    let conn = cipher::open(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        key,
    )
    .map_err(|e| classify(path, key, e))?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| classify(path, key, e))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotACampaign {
            path: path.to_path_buf(),
            reason: "c'est une base SQLite d'une autre application".into(),
        });
    }
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| classify(path, key, e))?;
    if version > latest_version() {
        return Err(Error::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: latest_version(),
        });
    }
    let check: String = conn
        .pragma_query_value(None, "quick_check", |r| r.get(0))
        .map_err(|e| classify(path, key, e))?;
    if check != "ok" {
        return Err(Error::Corrupt {
            path: path.to_path_buf(),
            reason: "le contrôle d'intégrité a échoué".into(),
        });
    }
    Ok(version)
}

/// Turns SQLite's low-level errors on open into the user's words.
/// With a key, a file SQLite cannot read means a wrong passphrase (or not a campaign).
fn classify(path: &Path, key: Option<&Passphrase>, e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) if key.is_some() => {
            Error::WrongPassphrase(path.to_path_buf())
        }
        Some(ErrorCode::NotADatabase) => Error::NotACampaign {
            path: path.to_path_buf(),
            reason: "son contenu n'est pas celui d'une campagne".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_path_buf(),
            reason: "la base de données est corrompue".into(),
        },
        Some(ErrorCode::ReadOnly)
        | Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::PermissionDenied) => Error::ReadOnly(path.to_path_buf()),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            Error::Locked(path.to_path_buf())
        }
        _ => Error::Database(e),
    }
}
