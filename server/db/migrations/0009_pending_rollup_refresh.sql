-- Roll-up refreshes owed: the time span of every committed write whose roll-up refresh has not
-- run yet. Written in the writing transaction, deleted once the refresh is done, so a process
-- killed between the commit and the refresh (or a refresh that failed) leaves a record that the
-- next maintenance pass finds: nothing committed stays missing from a roll-up for good.
-- (Plain PostgreSQL's roll-ups are views: its records are deleted at once after the commit.)
CREATE TABLE pending_rollup_refresh (
  id bigserial PRIMARY KEY,
  from_ts timestamptz NOT NULL,
  to_ts timestamptz NOT NULL
);
