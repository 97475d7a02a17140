-- Fair claims with a cap on each consumer's deliveries in flight, across instances.
--
-- claimed_until is set by a claim to the end of its lease and cleared when the attempt is recorded, so the
-- deliveries a consumer has in flight right now are its rows with claimed_until > now (a crashed instance's
-- claims stop counting when their lease runs out). next_attempt_utc still carries the lease as the fencing token.
alter table webhook_delivery add column claimed_until timestamptz;
create index webhook_delivery_claimed on webhook_delivery (consumer_id, claimed_until) where claimed_until is not null;

-- A claim walks the consumers that have due deliveries and takes each one's oldest: one index probe per consumer
-- instead of one scan of every due delivery. Replaces the index on next_attempt_utc alone.
create index webhook_delivery_consumer_due on webhook_delivery (consumer_id, next_attempt_utc) where status = 'Pending';
drop index webhook_delivery_due;
