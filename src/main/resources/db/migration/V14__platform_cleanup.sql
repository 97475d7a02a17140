-- Clean-up at a platform after a connection is unlinked or deleted (revoking its tokens, RFC 7009). The tokens move
-- here from connection_token in the transaction of the unlink, still sealed as they were (bound to their
-- connection, key_id naming the key), and the row is the work of one db-scheduler job whose id is the row's id.
-- The job deletes the row when every step is done, or when it gives up. No foreign key to connection: a deleted
-- connection's tokens still have to be revoked.
create table platform_cleanup (
    id                   uuid primary key,
    client_id            uuid        not null references client (id) on delete cascade,
    connection_id        uuid        not null,
    platform_key         text        not null,
    access_token_sealed  text        not null,
    refresh_token_sealed text,
    key_id               text        not null,
    connection_info      jsonb,                 -- the connection's connectionInfo (its organisation at the platform)
    steps_done           text[]      not null default '{}', -- names of the steps that succeeded: a retry skips them
    created_utc          timestamptz not null
);
create index platform_cleanup_key on platform_cleanup (key_id);
