-- Records can leave the cache outside a sync: a revoked consent deletes the data types it no longer covers.
-- The read API's page index keys its entries by a data version built from completed pulls; each eviction
-- bumps this generation too, so an index built before the deletion is never used after it.
create table record_eviction (
    connection_id uuid   not null references connection (id) on delete cascade,
    data_type     text   not null,
    generation    bigint not null,
    primary key (connection_id, data_type)
);
