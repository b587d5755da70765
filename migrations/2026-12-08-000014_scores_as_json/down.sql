ALTER TABLE assessment_scores ALTER COLUMN score SET COMPRESSION default;
ALTER TABLE assessment_group_scores ALTER COLUMN score SET COMPRESSION default;
ALTER TABLE assessment_scores ALTER COLUMN score TYPE jsonb USING score::jsonb;
ALTER TABLE assessment_group_scores ALTER COLUMN score TYPE jsonb USING score::jsonb;
