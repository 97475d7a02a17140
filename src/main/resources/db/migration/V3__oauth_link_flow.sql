-- The client side of the OAuth link flow: single-use authorization states and the token vault.

-- One row per started authorization. The state itself is never stored, only its SHA-256, so a
-- database reader cannot complete someone else's flow; the PKCE verifier is sealed (AES-GCM).
create table oauth_authorization_state (
    state_digest         bytea primary key,
    client_id            uuid        not null references client (id) on delete cascade,
    company_id           uuid        not null,
    connection_id        uuid        not null references connection (id) on delete cascade,
    code_verifier_sealed text        not null,
    redirect_params      jsonb       not null default '{}', -- extra linkUrl query parameters, echoed at the end
    created_utc          timestamptz not null,
    expires_utc          timestamptz not null,
    used_utc             timestamptz
);
create index oauth_state_expiry on oauth_authorization_state (expires_utc);

-- Platform tokens of a connection, only ever sealed. key_id names the encryption key, so rows
-- sealed with an older key can be found and re-sealed in the background.
create table connection_token (
    connection_id        uuid primary key references connection (id) on delete cascade,
    client_id            uuid        not null references client (id) on delete cascade,
    access_token_sealed  text        not null,
    refresh_token_sealed text,
    scope                text,
    expires_utc          timestamptz,
    key_id               text        not null,
    refreshed_count      integer     not null default 0,
    updated_utc          timestamptz not null
);
create index connection_token_key on connection_token (key_id);
