-- Files a customer uploaded through Link or a lender through Codat's Files API. The bytes live here, in PostgreSQL
-- (TOASTed bytea, at most bridgekeeper.files.max-file-size each), never on the web server's disk. A file goes with its
-- company and with the upload connection it came through.
create table uploaded_file (
    id               uuid primary key,
    client_id        uuid        not null references client (id) on delete cascade,
    company_id       uuid        not null references company (id) on delete cascade,
    connection_id    uuid        not null references connection (id) on delete cascade,
    file_name        text        not null, -- as uploaded, made safe (no path, no control characters)
    kind             text        not null, -- what the content is: Pdf, Csv, Ofx, Xlsx, Camt053
    size_bytes       bigint      not null,
    sha256           bytea       not null,
    content          bytea       not null,
    uploaded_utc     timestamptz not null,
    upload_position  integer     not null, -- its place among the files of one upload, which share uploaded_utc
    uploaded_by      text        not null, -- ApiKey, CompanyToken or HostedLink
    statement_status text,                 -- OFX/CAMT.053 only: Read or Unreadable
    statement_error  text,                 -- why an Unreadable statement could not be read
    constraint uploaded_file_kind check (kind in ('Pdf', 'Csv', 'Ofx', 'Xlsx', 'Camt053')),
    constraint uploaded_file_statement check (statement_status is null or statement_status in ('Read', 'Unreadable'))
);
create index uploaded_file_company on uploaded_file (client_id, company_id, uploaded_utc, upload_position);
create index uploaded_file_connection on uploaded_file (connection_id);
-- documents are mostly compressed already (PDF, XLSX): keep them out of line without trying to compress them again
alter table uploaded_file alter column content set storage external;
