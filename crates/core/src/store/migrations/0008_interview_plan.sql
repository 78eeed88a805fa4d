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
