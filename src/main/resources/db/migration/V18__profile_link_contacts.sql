-- Bridgekeeper extensions of the profile that the Link journey shows the customer: where to ask for help
-- (a "Contact us" link on every screen, and "Can't find yours?" on the platform picker) and the lender's
-- privacy policy (linked from the consent screen). Both are optional.
alter table profile add column support_email text;
alter table profile add column privacy_policy_url text;
