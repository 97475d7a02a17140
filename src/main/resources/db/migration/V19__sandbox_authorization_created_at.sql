-- When each sandbox authorization row was written, so the purge can remove flows that never finished (a row that
-- is only a pending consent has no expiry of its own). Spring Authorization Server names its columns on insert,
-- so the default fills it; rows from before this migration count from now.
alter table sandbox.oauth2_authorization add column created_at timestamptz not null default now();
