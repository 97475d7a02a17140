-- Rate limits. throttle_bucket holds Bucket4j's token buckets (serialised state, shared by every instance):
-- failed authentications per source address, and each client's request quota per window. expires_at
-- (epoch milliseconds) is when a bucket has refilled and can be deleted; the notices job deletes those.
create table throttle_bucket (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index throttle_bucket_expires on throttle_bucket (expires_at);

-- One row per client and quota window in which the client ran out of requests: inserted by the instance that
-- first refused a request (so client.rateLimit.reached is written once), marked when client.rateLimit.reset has
-- been written after the window ended. No foreign key: the client table belongs to the settings module, and a
-- deleted client's rows are purged with the old windows.
create table client_rate_limit (
    client_id      uuid        not null,
    window_start   timestamptz not null,
    window_end     timestamptz not null,
    quota          bigint      not null,
    reached_utc    timestamptz not null,
    reset_sent_utc timestamptz,
    primary key (client_id, window_start)
);
create index client_rate_limit_unreset on client_rate_limit (window_end) where reset_sent_utc is null;
