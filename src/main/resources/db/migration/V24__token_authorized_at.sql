-- When the customer authorized the connection (the code exchange): some vendors end an authorization a fixed time
-- after it however often its tokens are refreshed (QuickBooks: five years), while each refresh answers only the
-- rolling end of the new refresh token. A refresh keeps this moment; a re-authorisation replaces it.
alter table connection_token add column authorized_utc timestamptz;
-- tokens stored before: their connection's creation, the earliest the authorization can have been (so an absolute
-- end is never later than the vendor's)
update connection_token t set authorized_utc = c.created_utc from connection c where c.id = t.connection_id;
