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
