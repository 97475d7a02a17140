-- Webhooks: consumers (lenders' endpoints), the transactional outbox of messages, one delivery per
-- message and consumer, and the log of every attempt.

create table webhook_consumer (
    id                    uuid primary key,
    client_id             uuid        not null references client (id) on delete cascade,
    url                   text        not null,
    disabled              boolean     not null default false,
    event_types           text[]      not null,
    company_tags          text[],     -- "key:value" filters; null sends every company's messages
    secret_sealed         text        not null, -- whsec_… signing secret, AES-GCM sealed
    previous_secret_sealed text,                -- the secret before the last rotation…
    previous_secret_until timestamptz,          -- …still signed with until this time
    failing_since_utc     timestamptz, -- first failed attempt of the current unbroken run of failures
    disabled_reason       text,        -- why the endpoint was disabled (by the caller, a 410, or health)
    created_utc           timestamptz not null
);
create index webhook_consumer_client on webhook_consumer (client_id, created_utc, id);

-- One row per event that at least one consumer wanted, written in the transaction of the change
-- that caused it. body is the envelope exactly as it is signed and sent; id is the webhook-id.
create table webhook_message (
    id            uuid primary key,
    client_id     uuid        not null references client (id) on delete cascade,
    event_type    text        not null,
    company_id    uuid,
    generated_utc timestamptz not null,
    body          text        not null
);
create index webhook_message_generated on webhook_message (generated_utc);

-- One message on its way to one consumer. While Pending, next_attempt_utc is when it is due; a
-- dispatcher that claims it moves next_attempt_utc to the end of its lease, so a crashed
-- instance's claims fall due again by themselves and the lease doubles as a fencing token.
create table webhook_delivery (
    consumer_id      uuid        not null references webhook_consumer (id) on delete cascade,
    message_id       uuid        not null references webhook_message (id) on delete cascade,
    status           text        not null,
    attempts         integer     not null default 0, -- attempts in the current round (resend/replay start a new one)
    next_attempt_utc timestamptz,
    last_attempt_utc timestamptz,
    created_utc      timestamptz not null,
    primary key (consumer_id, message_id),
    constraint webhook_delivery_status check (status in ('Pending', 'Succeeded', 'Failed'))
);
create index webhook_delivery_due on webhook_delivery (next_attempt_utc) where status = 'Pending';
create index webhook_delivery_consumer on webhook_delivery (consumer_id, created_utc desc, message_id);
create index webhook_delivery_message on webhook_delivery (message_id);

create table webhook_attempt (
    id            bigint generated always as identity primary key,
    consumer_id   uuid        not null,
    message_id    uuid        not null,
    attempt       integer     not null,
    url           text        not null,
    attempted_utc timestamptz not null,
    status_code   integer,     -- null when no answer came (refused target, timeout, connection error)
    duration_ms   integer     not null,
    response_body text,        -- the first 1 KiB of the answer
    error         text,
    foreign key (consumer_id, message_id) references webhook_delivery (consumer_id, message_id) on delete cascade
);
create index webhook_attempt_delivery on webhook_attempt (consumer_id, message_id, attempted_utc);
