-- Link: what a customer agreed to before connecting a platform. The exact text shown is stored with
-- its SHA-256, so a later reader can prove which wording was accepted; the consent issue builds on it.
create table link_consent (
    id            uuid primary key,
    client_id     uuid        not null references client (id) on delete cascade,
    company_id    uuid        not null references company (id) on delete cascade,
    connection_id uuid        references connection (id) on delete set null,
    source_type   text        not null,
    consent_text  text        not null,
    text_sha256   bytea       not null,
    accepted_by   text        not null, -- CompanyToken or ApiKey: who sent the acceptance
    accepted_utc  timestamptz not null
);
create index link_consent_company on link_consent (client_id, company_id, accepted_utc);
