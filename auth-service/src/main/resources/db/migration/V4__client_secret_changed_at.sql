-- When the client's secret last changed: an administrator's access token issued before then was
-- obtained with a secret that no longer exists, and the admin API refuses it.
alter table clients add column secret_changed_at timestamptz;
update clients set secret_changed_at = created_at;
alter table clients alter column secret_changed_at set not null;
alter table clients alter column secret_changed_at set default now();
