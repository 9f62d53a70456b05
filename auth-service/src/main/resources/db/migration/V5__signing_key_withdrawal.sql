-- A key withdrawn early (its private key leaked, or feared to): from this instant it neither signs
-- nor is published, and the tokens it signed are refused here and, through a security event, at
-- every resource server. The row stays until the last token it could have signed has expired, so
-- every replica learns of the withdrawal and none brings the key back.
alter table signing_keys add column withdrawn_at timestamptz;
