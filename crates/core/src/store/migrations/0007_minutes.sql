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
