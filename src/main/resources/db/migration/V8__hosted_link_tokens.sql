-- Hosted Link protection. A profile can ask that its Hosted Link page only opens with a short-lived,
-- one-time link token; the token is stored only as its SHA-256 and marked used on first redemption.
alter table profile add column hosted_link_requires_token boolean not null default false;

create table hosted_link_token (
    token_sha256 bytea primary key,
    client_id    uuid        not null references client (id) on delete cascade,
    company_id   uuid        not null references company (id) on delete cascade,
    created_utc  timestamptz not null,
    expires_utc  timestamptz not null,
    used_utc     timestamptz
);
create index hosted_link_token_expiry on hosted_link_token (expires_utc);

-- When the customer first authorised each connection (the manage-connections UI shows it). Connections
-- already past PendingAuth before this column existed get their creation time, the closest record there is.
alter table connection add column first_linked_utc timestamptz;
update connection set first_linked_utc = created_utc where status <> 'PendingAuth';
