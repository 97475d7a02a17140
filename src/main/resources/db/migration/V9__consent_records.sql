-- Consent records: what a customer agreed to, for which product (use case), platform connections and data
-- types, with the exact text shown and its SHA-256. Status moves only through ConsentTransitions.
create table consent_record (
    id                  uuid primary key,
    client_id           uuid        not null references client (id) on delete cascade,
    company_id          uuid        not null references company (id) on delete cascade,
    product             text,                 -- null: recorded for a company without products
    source_type         text        not null,
    connection_ids      uuid[]      not null default '{}', -- empty: every connection of the source type
    data_types          text[]      not null,
    consent_text        text        not null,
    text_sha256         bytea       not null,
    text_version        text,
    locale              text,
    channel             text        not null, -- Link, HostedLink or Api
    granted_by          text        not null, -- CompanyToken or ApiKey: who sent the acceptance
    ip_address          text,
    user_agent          text,
    granted_utc         timestamptz not null,
    expires_utc         timestamptz not null,
    remind_utc          timestamptz not null, -- consent.expiring is sent from here on
    reminded_utc        timestamptz,
    status              text        not null,
    status_changed_utc  timestamptz not null,
    revoked_utc         timestamptz,
    revoked_by          text,
    revocation_reason   text,
    superseded_by       uuid references consent_record (id)
);
create index consent_record_company on consent_record (client_id, company_id, granted_utc);
create index consent_record_due on consent_record (remind_utc, expires_utc) where status = 'Active';

-- Each reconfirmation of a consent: the record is extended, and this keeps what it was before.
create table consent_reconfirmation (
    consent_id           uuid        not null references consent_record (id) on delete cascade,
    reconfirmed_utc      timestamptz not null,
    previous_expires_utc timestamptz not null,
    expires_utc          timestamptz not null,
    channel              text        not null
);
create index consent_reconfirmation_consent on consent_reconfirmation (consent_id, reconfirmed_utc);

-- Cached data of a connection whose consent was revoked, to be deleted when the product's retention ends.
create table consent_data_deletion (
    id            uuid primary key,
    client_id     uuid        not null references client (id) on delete cascade,
    company_id    uuid        not null references company (id) on delete cascade,
    connection_id uuid        not null references connection (id) on delete cascade,
    data_type     text        not null,
    consent_id    uuid        not null references consent_record (id) on delete cascade,
    due_utc       timestamptz not null
);
create index consent_data_deletion_due on consent_data_deletion (due_utc);

-- The Link UI's acceptances (V6) become consent records: one store for every consent.
insert into consent_record (id, client_id, company_id, product, source_type, connection_ids, data_types,
                            consent_text, text_sha256, text_version, locale, channel, granted_by, granted_utc,
                            expires_utc, remind_utc, status, status_changed_utc)
select id, client_id, company_id, null, source_type,
       case when connection_id is null then '{}'::uuid[] else array[connection_id] end, '{}', consent_text,
       text_sha256, null, null, 'Link', accepted_by, accepted_utc,
       accepted_utc + case when source_type = 'Banking' then interval '90 days' else interval '365 days' end,
       accepted_utc + case when source_type = 'Banking' then interval '76 days' else interval '351 days' end,
       'Active', accepted_utc
from link_consent;
drop table link_consent;
