    ALTER TABLE campaign ADD COLUMN uid TEXT;
    UPDATE campaign SET uid = lower(hex(randomblob(16)));
    CREATE TRIGGER campaign_uid AFTER INSERT ON campaign WHEN NEW.uid IS NULL
        BEGIN UPDATE campaign SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id; END;
    CREATE TABLE commission_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        quorum_kind TEXT NOT NULL DEFAULT 'half' CHECK (quorum_kind IN ('half', 'count')),
        quorum_count INTEGER NOT NULL DEFAULT 0 CHECK (quorum_count >= 0),
        majority TEXT NOT NULL DEFAULT 'present' CHECK (majority IN ('present', 'voting')),
        casting_vote_chair INTEGER NOT NULL DEFAULT 1,
        aggregation TEXT NOT NULL DEFAULT 'mean'
            CHECK (aggregation IN ('mean', 'median', 'trimmed')),
        disagreement_percent INTEGER NOT NULL DEFAULT 20,
        normalise INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO commission_rules (id) VALUES (1);
    CREATE TABLE sitting (
        id INTEGER PRIMARY KEY,
        date TEXT NOT NULL,
        start_time TEXT NOT NULL DEFAULT '',
        place TEXT NOT NULL
    );
    CREATE TABLE presence (
        sitting INTEGER NOT NULL REFERENCES sitting (id) ON DELETE CASCADE,
        member INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('present', 'excused', 'absent')),
        PRIMARY KEY (sitting, member)
    );
    CREATE TABLE recusal (
        member INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
        candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (member, candidate)
    );
    CREATE TABLE grid_block (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE CHECK (code IN ('project', 'academic', 'interview')),
        label TEXT NOT NULL,
        position INTEGER NOT NULL
    );
    CREATE TABLE criterion (
        id INTEGER PRIMARY KEY,
        block INTEGER NOT NULL REFERENCES grid_block (id),
        label TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('members', 'academic')),
        scale_max INTEGER NOT NULL CHECK (scale_max > 0),
        step INTEGER NOT NULL CHECK (step > 0),
        weight INTEGER NOT NULL CHECK (weight >= 0),
        low TEXT NOT NULL DEFAULT '',
        middle TEXT NOT NULL DEFAULT '',
        high TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL
    );
    INSERT INTO grid_block (id, code, label, position) VALUES
        (1, 'project', 'Projet professionnel', 1),
        (2, 'academic', 'Résultats universitaires', 2),
        (3, 'interview', 'Entretien', 3);
    INSERT INTO criterion (block, label, source, scale_max, step, weight, low, middle, high, position) VALUES
        (1, 'Précision et maturité du projet', 'members', 500, 50, 100,
         'Projet vague : spécialité, mode et lieu d''exercice non définis.',
         'Projet défini mais peu argumenté.',
         'Projet précis et réaliste : spécialité, mode et lieu d''exercice argumentés.', 1),
        (1, 'Connaissance des territoires sous-dotés', 'members', 500, 50, 100,
         'Ne connaît ni les zones sous-denses ni leurs besoins.',
         'Connaissance générale des zones et des besoins.',
         'Connaît les zones (ZIP, ZAC), les structures et les besoins de la région.', 2),
        (1, 'Cohérence avec le parcours', 'members', 500, 50, 100,
         'Aucun lien entre le parcours et le projet.',
         'Quelques éléments du parcours (stages, engagements) vont dans le sens du projet.',
         'Stages et engagements cohérents avec le projet.', 3),
        (2, 'Résultats universitaires', 'academic', 500, 1, 200,
         'Résultats faibles au regard de la promotion.',
         'Résultats dans la moyenne de la promotion.',
         'Excellents résultats au regard de la promotion.', 4),
        (3, 'Motivation et engagement', 'members', 500, 50, 100,
         'Motivation surtout financière, engagement peu réfléchi.',
         'Motivation sincère mais engagement encore général.',
         'Motivation solide, engagement réfléchi et durable.', 5),
        (3, 'Qualité de l''argumentation', 'members', 500, 50, 100,
         'Réponses confuses ou hors sujet.',
         'Réponses claires mais peu développées.',
         'Réponses claires, structurées et convaincantes.', 6),
        (3, 'Compréhension des obligations du CESP', 'members', 500, 50, 100,
         'Méconnaît la durée d''engagement et les obligations.',
         'Connaît l''essentiel des obligations.',
         'Maîtrise les obligations (durée, zones, tarifs, remboursement en cas de rupture).', 7);
    CREATE TABLE hearing (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
        sitting INTEGER NOT NULL REFERENCES sitting (id)
    );
    CREATE TABLE score (
        member INTEGER NOT NULL REFERENCES member (id),
        candidate INTEGER NOT NULL REFERENCES candidate (id),
        criterion INTEGER NOT NULL REFERENCES criterion (id),
        value INTEGER NOT NULL CHECK (value >= 0),
        at TEXT NOT NULL,
        operator TEXT NOT NULL,
        PRIMARY KEY (member, candidate, criterion)
    );
    CREATE INDEX score_candidate ON score (candidate);
    CREATE TABLE academic_override (
        candidate INTEGER NOT NULL REFERENCES candidate (id) ON DELETE CASCADE,
        criterion INTEGER NOT NULL REFERENCES criterion (id),
        value INTEGER NOT NULL CHECK (value >= 0),
        reason TEXT NOT NULL,
        PRIMARY KEY (candidate, criterion)
    );
    CREATE TABLE score_lock (
        candidate INTEGER PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        operator TEXT NOT NULL
    );
