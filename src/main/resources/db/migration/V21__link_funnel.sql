-- The Link journey funnel: each journey (a random id the browser picks, or one the server opens for a connection
-- linked without a beacon) and its steps. No personal data: ids, step names, platform keys, source types, times
-- and a failure reason from a closed list. Rows go with their company and after the configured retention.
create table link_journey (
    id            uuid primary key,
    client_id     uuid        not null references client (id) on delete cascade,
    company_id    uuid        not null references company (id) on delete cascade,
    from_browser  boolean     not null,
    source_type   text,
    platform_key  text,
    started_utc   timestamptz not null,
    last_step     text        not null,
    last_step_utc timestamptz not null,
    beacon_steps  int         not null default 0
);
create index link_journey_client_started on link_journey (client_id, started_utc);
create index link_journey_company_started on link_journey (company_id, started_utc);
create index link_journey_last_step on link_journey (last_step_utc);

create table link_journey_step (
    seq            bigint generated always as identity,
    journey_id     uuid        not null references link_journey (id) on delete cascade,
    step           text        not null,
    origin         text        not null,
    at_utc         timestamptz not null,
    connection_id  uuid,
    failure_reason text
);
create index link_journey_step_journey on link_journey_step (journey_id, step);

-- Which journey a connection's server-side facts (consent, sign-in, linked, failed) belong to.
create table link_journey_connection (
    connection_id uuid primary key,
    journey_id    uuid not null references link_journey (id) on delete cascade
);
create index link_journey_connection_journey on link_journey_connection (journey_id);
