CREATE INDEX assessment_scores_rank ON assessment_scores (run_id, rank, deputy_id);
ALTER TABLE assessment_scores DROP CONSTRAINT assessment_scores_mandate_fkey;
ALTER TABLE assessment_scores ADD CONSTRAINT assessment_scores_mandate_id_fkey
    FOREIGN KEY (mandate_id) REFERENCES mandates (id) ON DELETE CASCADE;
ALTER TABLE assessment_scores ADD CONSTRAINT assessment_scores_deputy_id_fkey
    FOREIGN KEY (deputy_id) REFERENCES deputies (id) ON DELETE CASCADE;
DROP INDEX mandates_id_deputy;
-- Scores stored as inputs have no breakdown to go back to: they are removed (the runs
-- are computed again).
DELETE FROM assessment_scores WHERE score IS NULL;
ALTER TABLE assessment_scores DROP CONSTRAINT assessment_scores_content;
ALTER TABLE assessment_scores ALTER COLUMN score SET NOT NULL;
ALTER TABLE assessment_scores DROP COLUMN inputs;
