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
