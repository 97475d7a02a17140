-- Consent proof that needs no trust in the database.

-- Every audit entry carries the installation's signature (JWS ES256, typ audit-chain-head+jwt) over the chain
-- head it made: {sub: company, seq: sequence, hash}. The signing key's private half is sealed with the encryption
-- key from configuration, so a database writer cannot sign: an entry appended or a chain re-hashed around the
-- audit trail has no valid signature on its last entry. Entries written before this migration have none.
alter table audit_entry add column signature text;

-- The receipt signed when a consent was granted, kept as signed: reading it later returns these bytes, never a
-- new signature over what consent_record says by then. Records granted before this migration have none.
create table consent_receipt (
    consent_id uuid        primary key references consent_record (id) on delete cascade,
    receipt    text        not null, -- compact JWS (ES256, typ consent-receipt+jwt)
    key_id     text        not null, -- the kid that signed it
    issued_utc timestamptz not null
);
