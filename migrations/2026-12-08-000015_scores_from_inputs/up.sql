-- A deputy's stored score keeps what it was computed from (the deputy as assessed, the
-- counts, rater scores, adjustments and flags: about 1 KB) in `inputs`; the item
-- breakdown (about 5 KB) is rebuilt on read with the run's frozen scheme version, and
-- written to `score` when the run freezes. Rows stored before keep only their breakdown
-- in `score`; a row has at least one of the two.
ALTER TABLE assessment_scores ADD COLUMN inputs json;
ALTER TABLE assessment_scores ALTER COLUMN score DROP NOT NULL;
ALTER TABLE assessment_scores ADD CONSTRAINT assessment_scores_content
    CHECK (inputs IS NOT NULL OR score IS NOT NULL);
DO $$
BEGIN
    ALTER TABLE assessment_scores ALTER COLUMN inputs SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: the inputs keep the default compression';
END
$$;
-- The deputy and the mandate of a score checked by one key instead of two (the mandate
-- is the deputy's): one foreign-key lookup a row, and the pair is consistent.
CREATE UNIQUE INDEX mandates_id_deputy ON mandates (id, deputy_id);
ALTER TABLE assessment_scores DROP CONSTRAINT assessment_scores_deputy_id_fkey;
ALTER TABLE assessment_scores DROP CONSTRAINT assessment_scores_mandate_id_fkey;
ALTER TABLE assessment_scores ADD CONSTRAINT assessment_scores_mandate_fkey
    FOREIGN KEY (mandate_id, deputy_id) REFERENCES mandates (id, deputy_id) ON DELETE CASCADE;
-- A run's scores are read whole and sorted (3,000 rows at most in practice): the index
-- by rank costs every write and spares no read.
DROP INDEX assessment_scores_rank;
