-- schemagate history schema, version 2, applied on top of version 1 (schema-v1.sql) in the same
-- transaction as it, or alone to upgrade a version-1 database. Documented in docs/state.md.
-- Adds schemagate.held_back; schemagate.history is unchanged, so nothing that reads attempts changes.

-- One row each time a gate (replication lag, blocked sessions, custom SQL, the contract gate) held
-- a phase back before it started: the run stopped there, and no attempt was recorded in history.
CREATE TABLE schemagate.held_back (
  id          bigserial   PRIMARY KEY,
  track       text        NOT NULL,
  version     integer     NOT NULL CHECK (version > 0),
  phase       text        NOT NULL CHECK (phase IN ('expand', 'backfill', 'contract', 'rollback')),
  file        text        NOT NULL,            -- repository-relative path of the phase file
  commit      text        NOT NULL,            -- migration repository commit (full id)
  applied_by  text        NOT NULL,            -- OS user @ host of the runner, or --actor
  gate        text        NOT NULL,            -- the gate's name
  reason      text        NOT NULL,            -- what it said
  held_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX held_back_track ON schemagate.held_back (track, id);

INSERT INTO schemagate.schema_info (version) VALUES (2);
