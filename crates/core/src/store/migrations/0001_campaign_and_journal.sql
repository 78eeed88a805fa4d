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
