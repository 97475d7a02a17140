-- Data sync: pull operations (Codat's "datasets"), the records cache and its staging area, and the
-- job table of db-scheduler (the job library every instance shares).

-- One pull of one data type from one connection. Status moves only through SyncTransitions.
create table dataset (
    id               uuid primary key,
    client_id        uuid        not null references client (id) on delete cascade,
    company_id       uuid        not null references company (id) on delete cascade,
    connection_id    uuid        not null references connection (id) on delete cascade,
    data_type        text        not null,
    batch_id         uuid        not null, -- datasets queued together; ReadCompleted reports them together
    initial          boolean     not null, -- queued by a link (first sync after it)
    status           text        not null,
    status_description text,
    error_message    text,
    progress         integer     not null default 0,
    requested_utc    timestamptz not null,
    fetch_started_utc timestamptz,        -- when paging began; the next incremental sync asks for changes since
    completed_utc    timestamptz,
    full_sync        boolean,             -- decided when fetching starts
    modified_since   timestamptz,         -- for an incremental sync: changes after this instant
    records_modified integer
);
create index dataset_company on dataset (client_id, company_id, requested_utc desc);
create index dataset_connection_type on dataset (connection_id, data_type, requested_utc desc);
create index dataset_batch on dataset (batch_id);

-- The cache: the current version of every record, one row per (connection, data type, record id).
create table record (
    connection_id        uuid        not null references connection (id) on delete cascade,
    data_type            text        not null,
    record_id            text        not null,
    client_id            uuid        not null,
    company_id           uuid        not null,
    data                 jsonb       not null,
    modified_date        timestamptz,
    source_modified_date timestamptz,
    deleted              boolean     not null default false,
    dataset_id           uuid        not null, -- the dataset that last changed it
    updated_utc          timestamptz not null default now(),
    primary key (connection_id, data_type, record_id)
);
create index record_company_type on record (client_id, company_id, data_type, record_id);

-- Pages of a dataset being fetched. Invisible to readers; merged into record in one transaction when the
-- dataset completes, so a crash mid-sync leaves neither half a dataset nor duplicates (rows are keyed).
create table record_staging (
    dataset_id           uuid        not null references dataset (id) on delete cascade,
    record_id            text        not null,
    data                 jsonb       not null,
    modified_date        timestamptz,
    source_modified_date timestamptz,
    deleted              boolean     not null,
    primary key (dataset_id, record_id)
);

-- db-scheduler's table (PostgreSQL layout of db-scheduler 16). "if not exists": other modules may share it.
create table if not exists scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index if not exists execution_time_idx on scheduled_tasks (execution_time);
create index if not exists last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index if not exists priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
