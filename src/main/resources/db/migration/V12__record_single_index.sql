-- Two changes to the records cache that make writing a record cheaper; in a million-record first sync they took
-- PostgreSQL's share of the work from about 15 to about 8 CPU-seconds (docs/BENCHMARKS.md).
--
-- 1. One index instead of two. Reads go by company and data type (company-wide listings, ordered by record id)
--    or by one of the company's connections, and a company has few connections, so a key led by the company
--    serves both; a record is still unique per (connection, data type, record id), since a connection belongs to
--    exactly one company.
drop index record_company_type;
alter table record drop constraint record_pkey;
alter table record add constraint record_pkey primary key (company_id, data_type, record_id, connection_id);

-- 2. No foreign key from record to connection. A foreign key checks every inserted row with a query of its own and
--    a lock on the connection row, a million times for a million records of one connection. The sync takes that
--    lock once per transaction instead (RecordStore.lockConnection: FOR KEY SHARE, the lock the check would take),
--    so a connection cannot be deleted while its records are being written, and a write for a connection already
--    deleted is refused. Deleting a connection still deletes its records, through the trigger below.
alter table record drop constraint record_connection_id_fkey;

create function record_delete_with_connection() returns trigger language plpgsql as $$
begin
    delete from record where company_id = old.company_id and connection_id = old.id;
    return old;
end
$$;

create trigger connection_deletes_records after delete on connection
    for each row execute function record_delete_with_connection();
