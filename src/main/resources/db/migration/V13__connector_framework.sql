-- Connector framework: a client's own app credentials per platform, the organisation a connection is bound to,
-- the organisation choice after a sign-in that granted several, resumable reads by opaque cursor, and the rate
-- limits every instance shares.

-- A client's own OAuth app for a platform (PUT /integrations/{platformKey}/credentials), over the deployment's.
-- The secret is sealed (AES-GCM, client and platform bound as associated data) and never returned.
create table integration_credentials (
    client_id            uuid        not null references client (id) on delete cascade,
    platform_key         text        not null,
    app_client_id        text        not null,
    client_secret_sealed text,
    scopes               text[],      -- null: the deployment's or the catalog's scopes
    redirect_uri         text,        -- null: {publicUrl}/oauth/callback
    updated_utc          timestamptz not null,
    primary key (client_id, platform_key)
);

-- The organisation (Xero tenant, QuickBooks realm, sandbox company) a connection was first linked to. It stays
-- after an unlink: re-authorising the connection to another organisation is refused. One organisation is linked
-- to one connection per company and platform.
create table connection_organisation (
    connection_id        uuid primary key references connection (id) on delete cascade,
    client_id            uuid        not null references client (id) on delete cascade,
    company_id           uuid        not null,
    platform_key         text        not null,
    organisation_id      text        not null,
    organisation_name    text,
    bound_utc            timestamptz not null
);
create unique index connection_organisation_once on connection_organisation (company_id, platform_key, organisation_id);

-- A sign-in that granted several organisations waits here for the customer's choice: 256 random bits of which
-- only the SHA-256 is kept, single use, short-lived. The tokens are sealed, bound to the connection.
create table oauth_organisation_choice (
    choice_digest        bytea primary key,
    client_id            uuid        not null references client (id) on delete cascade,
    company_id           uuid        not null,
    connection_id        uuid        not null references connection (id) on delete cascade,
    tokens_sealed        text        not null,
    organisations        jsonb       not null, -- [{id, name, details}], nothing secret
    redirect_params      jsonb       not null default '{}',
    created_utc          timestamptz not null,
    expires_utc          timestamptz not null,
    used_utc             timestamptz
);
create index oauth_organisation_choice_expiry on oauth_organisation_choice (expires_utc);

-- Where a staged read goes on: the connector's opaque cursor after the last staged page (Xero page=n, Xero
-- Journals offset=n, QuickBooks start=n; the standard-model reader's page number). pages_fetched stays, for
-- progress. Reads under way keep their place.
alter table dataset add column resume_cursor text;
update dataset set resume_cursor = (pages_fetched + 1)::text where status = 'Fetching' and pages_fetched > 0;

-- Shared rate limits. Unlogged: a PostgreSQL crash forgets the recent calls (the next window may then meet a
-- vendor 429, which is honoured); in exchange a permit costs no write-ahead log flush.
-- Sliding log: one row per call granted under a limit key, counted over the limit's window (database clock).
create unlogged table rate_permit (
    limit_key            text        not null,
    granted_at           timestamptz not null
);
create index rate_permit_window on rate_permit (limit_key, granted_at);

-- Calls in flight: a fixed set of leased slots per key, claimed with FOR UPDATE SKIP LOCKED; a crashed holder's
-- lease runs out.
create unlogged table rate_slot (
    limit_key            text        not null,
    slot                 integer     not null,
    holder               text,
    lease_until          timestamptz,
    primary key (limit_key, slot)
);

-- A vendor's "wait" (429 + Retry-After) for a key, honoured by every instance until it passes.
create unlogged table rate_block (
    limit_key            text primary key,
    until_utc            timestamptz not null,
    reason               text
);

-- What the vendor last said is left of a budget (Xero X-DayLimit-Remaining, ...), for status messages and metrics.
create unlogged table rate_budget (
    limit_key            text primary key,
    remaining            bigint      not null,
    observed_utc         timestamptz not null
);

-- One permit of each limit key, or how long to wait for them, in one round trip. Blocks first (a vendor's
-- Retry-After recorded by any instance), then the keys' advisory locks in sorted order (two callers never wait on
-- each other in a cycle), then per key: forget calls older than its window, count the rest; all keys have room →
-- one row each, granted at the database clock; otherwise nothing is taken and the longest wait is answered.
-- Windows count a margin on top (calls reach the vendor a little after they are granted here).
create function rate_acquire(p_keys text[], p_permits integer[], p_window_ms bigint[], p_block_keys text[],
        p_margin_ms bigint) returns bigint language plpgsql as $$
declare
    now_ts  timestamptz;
    blocked timestamptz;
    k       text;
    i       integer;
    n       bigint;
    oldest  timestamptz;
    span    interval;
    wait_ms bigint := 0;
begin
    select max(until_utc) into blocked from rate_block where limit_key = any(p_block_keys);
    now_ts := clock_timestamp();
    if blocked is not null and blocked > now_ts then
        return ceil(extract(epoch from blocked - now_ts) * 1000)::bigint;
    end if;
    for k in select distinct unnest(p_keys) order by 1 loop
        perform pg_advisory_xact_lock(hashtextextended('rate:' || k, 0));
    end loop;
    now_ts := clock_timestamp();
    for i in 1 .. coalesce(array_length(p_keys, 1), 0) loop
        span := make_interval(secs => (p_window_ms[i] + p_margin_ms) / 1000.0);
        delete from rate_permit where limit_key = p_keys[i] and granted_at <= now_ts - span;
        select count(*) into n from rate_permit where limit_key = p_keys[i];
        if n >= p_permits[i] then
            select granted_at into oldest from rate_permit where limit_key = p_keys[i]
                order by granted_at offset (n - p_permits[i]) limit 1;
            wait_ms := greatest(wait_ms, ceil(extract(epoch from oldest + span - now_ts) * 1000)::bigint, 1);
        end if;
    end loop;
    if wait_ms > 0 then
        return wait_ms;
    end if;
    insert into rate_permit (limit_key, granted_at) select unnest(p_keys), now_ts;
    return 0;
end
$$;

-- A refresh token's absolute end (Xero: 60 days unused; QuickBooks: x_refresh_token_expires_in): past it the
-- connection is Deauthorized without asking the vendor.
alter table connection_token add column refresh_expires_utc timestamptz;
