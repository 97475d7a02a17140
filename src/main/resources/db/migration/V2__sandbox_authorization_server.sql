-- Sandbox platforms: the tables Spring Authorization Server's JdbcOAuth2AuthorizationService and
-- JdbcOAuth2AuthorizationConsentService read and write (column names are theirs), so every
-- application instance sees the same codes, tokens and consents.
--
-- Types: SAS writes the large values (attributes, token values, token metadata) as strings when the
-- column is not a BLOB, so they are text here (bytea would be read back as a BLOB and break the
-- lookups); every instant is timestamptz. The registered client lives in configuration, not here.
--
-- They live in a schema of their own, reached through the sandbox's own connection pool: the
-- simulated platforms keep their data apart from Bridgekeeper's, as a real platform's would be.

create schema sandbox;

create table sandbox.oauth2_authorization (
    id                            text primary key,
    registered_client_id          text not null,
    principal_name                text not null,
    authorization_grant_type      text not null,
    authorized_scopes             text,
    attributes                    text,
    state                         text,
    authorization_code_value      text,
    authorization_code_issued_at  timestamptz,
    authorization_code_expires_at timestamptz,
    authorization_code_metadata   text,
    access_token_value            text,
    access_token_issued_at        timestamptz,
    access_token_expires_at       timestamptz,
    access_token_metadata         text,
    access_token_type             text,
    access_token_scopes           text,
    oidc_id_token_value           text,
    oidc_id_token_issued_at       timestamptz,
    oidc_id_token_expires_at      timestamptz,
    oidc_id_token_metadata        text,
    refresh_token_value           text,
    refresh_token_issued_at       timestamptz,
    refresh_token_expires_at      timestamptz,
    refresh_token_metadata        text,
    user_code_value               text,
    user_code_issued_at           timestamptz,
    user_code_expires_at          timestamptz,
    user_code_metadata            text,
    device_code_value             text,
    device_code_issued_at         timestamptz,
    device_code_expires_at        timestamptz,
    device_code_metadata          text
);

-- Every lookup is "column = ?" on one of these, or all of them OR-ed together (introspection and
-- revocation without a token_type_hint); an index on each arm lets PostgreSQL answer the OR with a
-- bitmap scan instead of reading the table. Partial, because most of them are null in most rows.
create index oauth2_authorization_state on sandbox.oauth2_authorization (state) where state is not null;
create index oauth2_authorization_code on sandbox.oauth2_authorization (authorization_code_value)
    where authorization_code_value is not null;
create index oauth2_authorization_access_token on sandbox.oauth2_authorization (access_token_value)
    where access_token_value is not null;
create index oauth2_authorization_refresh_token on sandbox.oauth2_authorization (refresh_token_value)
    where refresh_token_value is not null;
create index oauth2_authorization_id_token on sandbox.oauth2_authorization (oidc_id_token_value)
    where oidc_id_token_value is not null;
create index oauth2_authorization_user_code on sandbox.oauth2_authorization (user_code_value)
    where user_code_value is not null;
create index oauth2_authorization_device_code on sandbox.oauth2_authorization (device_code_value)
    where device_code_value is not null;

create table sandbox.oauth2_authorization_consent (
    registered_client_id text not null,
    principal_name       text not null,
    authorities          text not null,
    primary key (registered_client_id, principal_name)
);

