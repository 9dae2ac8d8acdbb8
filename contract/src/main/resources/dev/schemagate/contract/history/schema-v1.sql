-- schemagate history schema, version 1. Documented in docs/state.md ("The history schema").
-- Installed by the rollout runner on first contact with a database, inside one transaction,
-- while it holds the runner's advisory lock. Never edited once released: later versions add
-- schema-v2.sql, ... and a row in schemagate.schema_info.
CREATE SCHEMA IF NOT EXISTS schemagate;

CREATE TABLE schemagate.schema_info (
  version      integer     PRIMARY KEY,
  installed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per attempt to run a phase (or a rollback). Rows are only ever inserted and then
-- finished (outcome, finished_at, duration_ms, reason) or checkpointed (backfill_*); never deleted.
CREATE TABLE schemagate.history (
  id                bigserial   PRIMARY KEY,
  track             text        NOT NULL,
  version           integer     NOT NULL CHECK (version > 0),
  phase             text        NOT NULL CHECK (phase IN ('expand', 'backfill', 'contract', 'rollback')),
  file              text        NOT NULL,            -- repository-relative path of the phase file
  checksum          text        NOT NULL,            -- 'sha256:' || hex of the file's bytes
  commit            text        NOT NULL,            -- migration repository commit (full id)
  applied_by        text        NOT NULL,            -- OS user @ host of the runner, or --actor
  started_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz,
  duration_ms       bigint,
  outcome           text        NOT NULL DEFAULT 'running'
                    CHECK (outcome IN ('running', 'succeeded', 'failed')),
  reason            text,                            -- why it failed, or the override used
  contract_override text,                            -- operator's reason when the contract gate was overridden
  backfill_key      text,                            -- last key (text form) a committed batch reached
  backfill_rows     bigint,                          -- rows changed by committed batches so far
  backfill_total    bigint,                          -- estimated rows to visit, for progress
  statements_done   integer                          -- non-transactional phases: statements completed so far
);

-- At most one successful run per phase of a version, except that a rollback re-opens the
-- version: the runner records a rollback as its own row and then the expand may succeed again.
CREATE INDEX history_track_version ON schemagate.history (track, version, phase, id);

-- At most one attempt in progress per track (the advisory lock already ensures one
-- runner; this keeps a bug from ever recording two).
CREATE UNIQUE INDEX history_one_running ON schemagate.history (track) WHERE outcome = 'running';

-- The live state per track, updated in the same transaction that records a phase as succeeded
-- (or a rollback). The webhook's JDBC state source and `schemagate can-deploy --db` read only this.
CREATE TABLE schemagate.track_state (
  track          text        PRIMARY KEY,
  contracted     integer     NOT NULL DEFAULT 0 CHECK (contracted >= 0),
  expanded       integer     NOT NULL DEFAULT 0 CHECK (expanded >= contracted),
  last_version   integer,
  last_phase     text,
  last_commit    text,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

INSERT INTO schemagate.schema_info (version) VALUES (1);
