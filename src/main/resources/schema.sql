-- The workshop's data model. Names are part of the contract: tests, SQL examples and notebooks rely on them.

CREATE SCHEMA app;
CREATE SCHEMA dwh;

CREATE TABLE app.forms (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    description text NOT NULL,
    schema      jsonb NOT NULL
);

CREATE TABLE app.users (
    id          uuid PRIMARY KEY,
    given_name  text NOT NULL,
    family_name text NOT NULL
);

CREATE TABLE app.submissions (
    id         uuid PRIMARY KEY,
    form_id    uuid NOT NULL REFERENCES app.forms,
    user_id    uuid NOT NULL REFERENCES app.users,
    responses  jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    -- When the submission was last written: what an incremental run compares with its watermark.
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX submissions_form_id_idx ON app.submissions (form_id);
CREATE INDEX submissions_user_id_idx ON app.submissions (user_id);
CREATE INDEX submissions_updated_at_idx ON app.submissions (updated_at);

-- Ids come from a sequence, not IDENTITY: Hibernate must know an id before the INSERT to batch it.
-- One nextval reserves a block of 1000 ids (Hibernate's pooled-lo optimizer, and the COPY loaders'
-- IdBlocks), so a million rows cost a thousand sequence calls, not a million.
CREATE SEQUENCE dwh.response_events_id_seq INCREMENT BY 1000;

-- The warehouse table: no foreign keys (an OLAP table is loaded from many sources and never joined
-- back for integrity), with the indexes its readers use.
CREATE TABLE dwh.response_events (
    id                 bigint PRIMARY KEY DEFAULT nextval('dwh.response_events_id_seq'), -- the default: for IDENTITY-style keys (lesson 4)
    form_id            uuid NOT NULL,
    form_name          text NOT NULL,
    user_id            uuid NOT NULL,
    user_full_name     text,              -- NULL when the user has no name
    submission_id      uuid NOT NULL,
    submission_created timestamptz NOT NULL,
    processed_on       timestamptz NOT NULL,
    schema_path        text NOT NULL,
    value              text NOT NULL,
    answer_type        text NOT NULL CHECK (answer_type IN ('number', 'text', 'boolean', 'date')),
    tag                text
);
CREATE INDEX response_events_submission_id_idx ON dwh.response_events (submission_id);
CREATE INDEX response_events_form_path_idx ON dwh.response_events (form_id, schema_path);
CREATE INDEX response_events_user_id_idx ON dwh.response_events (user_id);

-- Submissions a run could not transform, with the reason: the run goes on without them.
CREATE TABLE dwh.rejected_submissions (
    submission_id uuid NOT NULL,
    processed_on  timestamptz NOT NULL,
    reason        text NOT NULL
);

-- Answers that do not fit their question's type (e.g. "12abc" at a number question), as written,
-- with the reason: the submission's other answers load.
CREATE TABLE dwh.rejected_answers (
    submission_id uuid NOT NULL,
    schema_path   text NOT NULL,
    value         text NOT NULL,
    processed_on  timestamptz NOT NULL,
    reason        text NOT NULL
);

-- Every run of etl process, as it started and as it ended: what happened, and where the last good one
-- stopped. An incremental run reads submissions changed after the watermark of the last successful run.
CREATE TABLE dwh.etl_runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    processor     text NOT NULL,
    mode          text NOT NULL CHECK (mode IN ('replace', 'staged', 'incremental')),
    started       timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished      timestamptz,
    status        text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    rows_read     bigint,
    rows_written  bigint,
    rows_rejected bigint,
    watermark     timestamptz,
    chunks        int,             -- a checkpointed or parallel run: the source's id ranges
    note          text,
    processed_on  timestamptz      -- stamped on every event and rejection of the run, by every attempt of a resumed one
);

-- The chunks a checkpointed run (--checkpoint-every) has loaded into its stage table: --resume skips them.
CREATE TABLE dwh.etl_checkpoints (
    run_id   bigint NOT NULL REFERENCES dwh.etl_runs,
    chunk    int NOT NULL,
    events   bigint NOT NULL,
    finished timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (run_id, chunk)
);
