-- Lookup tokens are random (no longer an HMAC of the code). A submission with an Idempotency-Key
-- keeps its token sealed under ONEGATE_LOOKUP_TOKEN_KEY so that a retry answers with the same
-- token; without a key there is no retry, and only the token's SHA-256 is kept.
ALTER TABLE intake.dossiers ADD COLUMN lookup_token_sealed text;
