-- Consent proof: the instance's receipt-signing keys and the hash-chained audit log of consent events.

-- EC P-256 keys that sign consent receipts (JWS ES256). "generation" orders the keys and makes
-- creation race-free: every instance inserts generation N "on conflict do nothing", then reads, so
-- instances starting together end with one key. The newest generation not retired signs; every key
-- not retired is published in /.well-known/jwks.json, so receipts signed before a rotation still verify.
create table instance_signing_key (
    generation         integer     primary key,
    kid                text        not null unique, -- RFC 7638 thumbprint of the public key
    public_jwk         jsonb       not null,        -- the public key as a JWK (no private parts)
    private_key_sealed text        not null,        -- the JWK with its private part, AES-GCM sealed (SecretSealer)
    created_utc        timestamptz not null,
    retired_utc        timestamptz                  -- set when the key is withdrawn from the JWKS
);

-- The audit log: one chain per company. Each entry's hash covers the previous entry's hash, so an
-- edit, a deletion or an insertion in the middle breaks the chain (see README, "Consent proof").
-- No foreign key to company: the chain outlives the company, as the lender's proof of what the
-- customer agreed to and when it ended (the company's deletion is the chain's last entry).
create table audit_entry (
    id            uuid        primary key,
    client_id     uuid        not null references client (id) on delete cascade,
    company_id    uuid        not null,
    sequence      bigint      not null,
    event_type    text        not null,
    subject_id    text,
    details       jsonb       not null,
    recorded_utc  timestamptz not null,
    previous_hash text        not null,
    hash          text        not null,
    constraint audit_entry_sequence unique (company_id, sequence)
);
create index audit_entry_client_company on audit_entry (client_id, company_id, sequence);

-- The head of each company's chain: its last sequence and hash. Appends lock this row, so appends
-- for one company take turns (gapless sequence) while other companies append in parallel; verify
-- compares it with the last entry, so entries cut off the end of the chain are noticed too.
create table audit_chain (
    company_id    uuid        primary key,
    client_id     uuid        not null references client (id) on delete cascade,
    last_sequence bigint      not null,
    head_hash     text        not null,
    updated_utc   timestamptz not null
);

-- Append-only: entries can be inserted, never changed. Deleting is allowed in two cases only: the
-- client (tenant) itself is being deleted (its rows cascade), or an operator purges the whole chain
-- of a company that no longer exists, after setting bridgekeeper.audit_purge to its id in the same
-- transaction (see README). A live company's chain cannot lose an entry through SQL.
create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'TRUNCATE' then
        raise exception 'audit_entry is append-only: it cannot be truncated' using errcode = 'insufficient_privilege';
    end if;
    if tg_op = 'DELETE' then
        if not exists (select 1 from client where id = old.client_id) then
            return old;
        end if;
        if current_setting('bridgekeeper.audit_purge', true) = old.company_id::text
                and not exists (select 1 from company where id = old.company_id) then
            return old;
        end if;
        raise exception 'audit_entry is append-only: entries cannot be deleted (entry %, sequence %)',
            old.id, old.sequence using errcode = 'insufficient_privilege';
    end if;
    raise exception 'audit_entry is append-only: entries cannot be changed (entry %, sequence %)',
        old.id, old.sequence using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function audit_entry_append_only();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
