    CREATE TABLE convocation_issue (
        candidate INTEGER NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence >= 0),
        jury INTEGER,
        jury_name TEXT NOT NULL DEFAULT '',
        room TEXT NOT NULL DEFAULT '',
        date TEXT,
        start INTEGER,
        end INTEGER,
        how TEXT NOT NULL CHECK (how IN ('written', 'mailed')),
        at TEXT NOT NULL,
        PRIMARY KEY (candidate, sequence),
        CHECK ((jury IS NULL) = (date IS NULL) AND (date IS NULL) = (start IS NULL))
    );
    CREATE TRIGGER convocation_issue_kept_update BEFORE UPDATE ON convocation_issue
    BEGIN
        SELECT RAISE(ABORT, 'convocation_issue is append-only');
    END;
