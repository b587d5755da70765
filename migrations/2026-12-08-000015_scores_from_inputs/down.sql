-- Going back keeps every frozen run: freezing writes each breakdown (`score`), so a
-- frozen run's rows all have one; if one did not, its snapshot would be lost, and this
-- refuses. Rows with inputs only belong to runs that can still be computed: they are
-- removed, and the office computes those runs again.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM assessment_scores s JOIN assessment_runs r ON r.id = s.run_id
               WHERE s.score IS NULL AND r.status = 'frozen') THEN
        RAISE EXCEPTION 'a frozen run has scores without their breakdown: not going back';
    END IF;
END
$$;
CREATE INDEX assessment_scores_rank ON assessment_scores (run_id, rank, deputy_id);
ALTER TABLE assessment_scores DROP CONSTRAINT assessment_scores_mandate_fkey;
ALTER TABLE assessment_scores ADD CONSTRAINT assessment_scores_mandate_id_fkey
    FOREIGN KEY (mandate_id) REFERENCES mandates (id) ON DELETE CASCADE;
ALTER TABLE assessment_scores ADD CONSTRAINT assessment_scores_deputy_id_fkey
    FOREIGN KEY (deputy_id) REFERENCES deputies (id) ON DELETE CASCADE;
DROP INDEX mandates_id_deputy;
DELETE FROM assessment_scores WHERE score IS NULL;
ALTER TABLE assessment_scores DROP CONSTRAINT assessment_scores_content;
ALTER TABLE assessment_scores ALTER COLUMN score SET NOT NULL;
ALTER TABLE assessment_scores DROP COLUMN inputs;
