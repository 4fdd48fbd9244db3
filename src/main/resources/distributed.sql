-- How the workshop's data model is spread over a Citus cluster (etl process --distributed), run once on
-- a run database's coordinator after schema.sql made its tables. One distribution column for everything
-- a run joins or merges: the submission's id. So a submission, its events and its rejections live in
-- the same shard on the same worker (colocated), and every join, delete or insert-select by
-- submission id runs on each worker alone, in parallel, with no row crossing the network.

-- Small tables every query joins with: a full copy on every node (reference tables), so the extract's
-- join of a submission with its user and form stays local to the submission's worker.
SELECT create_reference_table('app.forms');
SELECT create_reference_table('app.users');
SELECT create_distributed_table('app.submissions', 'id');

-- A unique key on a distributed table must contain its distribution column, since each shard checks
-- only its own rows: the events' key becomes (submission_id, id). Ids still come from the one sequence
-- on the coordinator, so they stay unique on their own.
ALTER TABLE dwh.response_events DROP CONSTRAINT response_events_pkey;
ALTER TABLE dwh.response_events ADD CONSTRAINT response_events_pkey PRIMARY KEY (submission_id, id);
SELECT create_distributed_table('dwh.response_events', 'submission_id', colocate_with => 'app.submissions');
SELECT create_distributed_table('dwh.rejected_submissions', 'submission_id', colocate_with => 'app.submissions');
SELECT create_distributed_table('dwh.rejected_answers', 'submission_id', colocate_with => 'app.submissions');

-- The tables were copied into their shards; their coordinator copies are hidden: free the space.
SELECT truncate_local_data_after_distributing_table(t)
  FROM unnest(ARRAY['app.forms', 'app.users', 'app.submissions', 'dwh.response_events', 'dwh.rejected_submissions',
                    'dwh.rejected_answers']::regclass[]) AS t;

-- The run log and the checkpoints stay plain tables on the coordinator: a few rows per run, written in
-- the same transaction as a publish (Citus commits the coordinator's part and the workers' together).
