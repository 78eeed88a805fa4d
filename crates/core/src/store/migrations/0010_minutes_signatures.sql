    CREATE TABLE minutes_signed_base (
        version INTEGER PRIMARY KEY REFERENCES minutes_version (id),
        pdf BLOB NOT NULL
    );
    CREATE TABLE minutes_signature (
        version INTEGER NOT NULL REFERENCES minutes_signed_base (version),
        member INTEGER NOT NULL REFERENCES member (id),
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        holder TEXT NOT NULL,
        subject TEXT NOT NULL,
        issuer TEXT NOT NULL,
        increment BLOB NOT NULL,
        PRIMARY KEY (version, member),
        UNIQUE (version, seq)
    );
    CREATE TRIGGER minutes_signed_base_kept BEFORE DELETE ON minutes_signed_base
        BEGIN SELECT RAISE(ABORT, 'cesp:minutes-history'); END;
    CREATE TRIGGER minutes_signed_base_unchanged BEFORE UPDATE ON minutes_signed_base
        BEGIN SELECT RAISE(ABORT, 'cesp:minutes-history'); END;
    CREATE TRIGGER minutes_signature_kept BEFORE DELETE ON minutes_signature
        BEGIN SELECT RAISE(ABORT, 'cesp:minutes-history'); END;
    CREATE TRIGGER minutes_signature_unchanged BEFORE UPDATE ON minutes_signature
        BEGIN SELECT RAISE(ABORT, 'cesp:minutes-history'); END;
