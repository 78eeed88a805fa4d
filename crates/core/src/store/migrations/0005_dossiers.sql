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
