-- Platform core: tenants (clients), their API keys and settings, companies and connections.
-- Every row belongs to a client; every lookup is scoped by client_id.

create table client (
    id          uuid primary key,
    name        text        not null,
    created_utc timestamptz not null default now()
);

create table api_key (
    id          uuid primary key,
    client_id   uuid        not null references client (id) on delete cascade,
    name        varchar(50),
    key_digest  bytea       not null unique, -- SHA-256 of the key; the key itself is never stored
    created_utc timestamptz not null
);
create index api_key_client on api_key (client_id, created_utc);

create table profile (
    client_id       uuid primary key references client (id) on delete cascade,
    name            text    not null,
    logo_url        text,
    icon_url        text,
    redirect_url    text    not null default '',
    white_list_urls jsonb   not null default '[]',
    allowed_origins jsonb   not null default '[]', -- CORS origins for the front-end endpoints
    updated_utc     timestamptz not null default now()
);

create table company (
    id                   uuid primary key,
    client_id            uuid        not null references client (id) on delete cascade,
    name                 text        not null,
    description          text,
    tags                 jsonb       not null default '{}',
    products             text[]      not null default '{}',
    created_utc          timestamptz not null,
    created_by_user_name text,
    last_sync_utc        timestamptz
);
create index company_client_created on company (client_id, created_utc, id);
create index company_client_name on company (client_id, lower(name));
create index company_tags on company using gin (tags jsonb_path_ops);

-- Sync settings: one row per client for the profile defaults (company_id null) and one per company
-- that overrides them. Two partial unique indexes keep PostgreSQL 14 support.
create table sync_settings (
    client_id          uuid    not null references client (id) on delete cascade,
    company_id         uuid references company (id) on delete cascade,
    settings           jsonb   not null,
    overrides_defaults boolean not null default false,
    updated_utc        timestamptz not null default now()
);
create unique index sync_settings_profile on sync_settings (client_id) where company_id is null;
create unique index sync_settings_company on sync_settings (client_id, company_id) where company_id is not null;

create table connection (
    id                     uuid primary key,
    client_id              uuid        not null references client (id) on delete cascade,
    company_id             uuid        not null references company (id) on delete cascade,
    platform_key           varchar(4)  not null,
    source_type            text        not null,
    status                 text        not null,
    created_utc            timestamptz not null,
    last_sync_utc          timestamptz,
    data_connection_errors jsonb       not null default '[]',
    connection_info        jsonb,
    authorization_sealed   text, -- properties sent to PUT .../authorization, AES-GCM sealed
    constraint connection_status check (status in ('PendingAuth', 'Linked', 'Unlinked', 'Deauthorized'))
);
create index connection_company on connection (company_id, created_utc, id);
-- Codat's rule: a company has at most one accounting connection.
create unique index connection_one_accounting on connection (company_id) where source_type = 'Accounting';
