-- Every submission of an agency's day bumped one counter row, and reporting's consumers queued on
-- each other's commits for its lock. The count is now spread over 16 rows per agency, day and
-- channel (the dossier's daily sequence number modulo 16); readers add them up, as they already did
-- over days and channels.
ALTER TABLE reporting.intake_counts ADD COLUMN shard smallint NOT NULL DEFAULT 0 CHECK (shard BETWEEN 0 AND 15);
ALTER TABLE reporting.intake_counts DROP CONSTRAINT intake_counts_pkey;
ALTER TABLE reporting.intake_counts ADD PRIMARY KEY (agency_code, day, channel, shard);
