    ALTER TABLE commission_rules ADD COLUMN padhue_academic TEXT NOT NULL DEFAULT 'waived'
        CHECK (padhue_academic IN ('waived', 'commission'));
