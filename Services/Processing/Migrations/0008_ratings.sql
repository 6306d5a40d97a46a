-- The applicant's one rating of a returned dossier (issue 15, "Rating"). The comment stays here:
-- the `processing.dossier.rated` event carries the answer only.
CREATE TABLE processing.ratings (
    code text PRIMARY KEY REFERENCES processing.cases (code),
    rating text NOT NULL CHECK (rating IN ('satisfied', 'acceptable', 'unsatisfied')),
    comment text CHECK (comment IS NULL OR char_length(comment) BETWEEN 1 AND 1000),
    -- `lookup-token` or `owner` (RatingRule.Rater): how the rater was admitted.
    rated_by text NOT NULL CHECK (rated_by IN ('lookup-token', 'owner')),
    rated_at timestamptz NOT NULL
);
