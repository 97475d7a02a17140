-- A killed instance's webhook claims are released once its heartbeat is stale, instead of holding their consumer's
-- deliveries in flight until the lease (timeout + 60 s) runs out.
--
-- Every running dispatcher has a row here and renews heartbeat_utc every heartbeat interval; a claim writes the
-- claiming dispatcher into claimed_by (cleared with claimed_until when the attempt is recorded). A dispatcher finds
-- the rows whose heartbeat is stale, deletes them and makes their instances' claimed deliveries due again. A
-- released delivery's next_attempt_utc (the fencing token) changes, so the old claim can no longer record it.
create table webhook_dispatcher (
    id            uuid primary key,
    started_utc   timestamptz not null,
    heartbeat_utc timestamptz not null
);
alter table webhook_delivery add column claimed_by uuid;
create index webhook_delivery_claimed_by on webhook_delivery (claimed_by) where claimed_until is not null;
