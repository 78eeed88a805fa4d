    CREATE TABLE mail_settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        security TEXT NOT NULL CHECK (security IN ('starttls', 'tls')),
        user TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        sender_address TEXT NOT NULL,
        reply_to TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    CREATE TABLE mail_batch (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        server TEXT NOT NULL
    );
    CREATE TABLE mail_message (
        id INTEGER PRIMARY KEY,
        batch INTEGER NOT NULL REFERENCES mail_batch (id),
        kind TEXT NOT NULL,
        candidate INTEGER NOT NULL,
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        substance TEXT NOT NULL,
        attachment_sha256 TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('sent', 'refused')),
        answer TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE INDEX mail_message_candidate ON mail_message (candidate);
    CREATE TRIGGER mail_message_kept BEFORE DELETE ON mail_message
        BEGIN SELECT RAISE(ABORT, 'cesp:mail-history'); END;
    -- Only the address may change: a purge of a candidate's personal data erases it.
    CREATE TRIGGER mail_message_unchanged BEFORE UPDATE OF id, batch, kind, candidate, subject, substance, attachment_sha256, status, answer, at ON mail_message
        BEGIN SELECT RAISE(ABORT, 'cesp:mail-history'); END;
