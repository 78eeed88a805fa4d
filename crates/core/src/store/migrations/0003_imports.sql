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
