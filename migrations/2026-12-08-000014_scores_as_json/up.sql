-- A run's stored scores are written whole and read whole, never queried inside: keep
-- them as `json` (checked, not re-parsed into jsonb's binary form) and compress them with
-- lz4 where the server has it. For 3,000 deputies (about 14 MB of JSON) this takes the
-- store from about 510 ms to under 100 ms.
ALTER TABLE assessment_scores ALTER COLUMN score TYPE json USING score::json;
ALTER TABLE assessment_group_scores ALTER COLUMN score TYPE json USING score::json;
DO $$
BEGIN
    ALTER TABLE assessment_scores ALTER COLUMN score SET COMPRESSION lz4;
    ALTER TABLE assessment_group_scores ALTER COLUMN score SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: the scores keep the default compression';
END
$$;
