DROP INDEX IF EXISTS assessment_runs_one_frozen;
