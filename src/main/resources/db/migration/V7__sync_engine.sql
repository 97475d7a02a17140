-- Sync engine: faster staging, resumable fetches, retries that wait in the job queue, and how far back a
-- pull reads.

-- Staging is scratch space: UNLOGGED skips the write-ahead log (pages are copied in about twice as fast).
-- PostgreSQL empties an unlogged table after a crash of its own; SyncJob then finds a dataset whose staged
-- rows are gone and fetches it again from the first page. The merge into record stays one logged transaction.
alter table record_staging set unlogged;

alter table dataset
    -- pages staged so far, committed with each page: a job run again (after a retry wait or a dead worker)
    -- goes on from the next page instead of the first
    add column pages_fetched integer not null default 0,
    -- the page size those pages were read with: a resumed run keeps it, whatever this worker's page-size
    add column page_size integer,
    add column records_staged bigint not null default 0,
    -- consecutive waits, reset by every page that arrives: 429s and 5xx/unreachable answers
    add column rate_limit_waits integer not null default 0,
    add column server_error_retries integer not null default 0,
    -- when the latest wait ends (the job is rescheduled for then, no thread sleeps)
    add column waiting_until timestamptz,
    -- for a first (full) read limited by the sync settings: only records dated on or after this instant
    add column sync_from timestamptz;
