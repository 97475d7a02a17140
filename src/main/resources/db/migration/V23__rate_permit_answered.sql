-- A rate permit counts from when its call was answered, not from when it was granted. A vendor counts a call at
-- some moment between receiving it and answering it (Xero's emulator after checking the request; a loaded front end
-- later still), so a window that starts at the grant can end before the vendor's does, and the first call of the
-- next window meets a 429. The answer is the latest moment the vendor can have counted the call: a window stamped
-- then never ends before the vendor's, however long the call queued on the way. Each granted call has an id; when
-- it is answered (or fails), its permits move to that moment.
alter table rate_permit add column call_id uuid;
create index rate_permit_call on rate_permit (call_id) where call_id is not null;

-- As rate_acquire of V13, with the call's id on the permits it takes. (The five-argument form stays for instances
-- still running the previous version during a rolling upgrade; their permits keep their grant time.)
create function rate_acquire(p_keys text[], p_permits integer[], p_window_ms bigint[], p_block_keys text[],
        p_margin_ms bigint, p_call uuid) returns bigint language plpgsql as $$
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
    insert into rate_permit (limit_key, granted_at, call_id) select unnest(p_keys), now_ts, p_call;
    return 0;
end
$$;
