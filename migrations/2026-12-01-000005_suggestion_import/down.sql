DROP TABLE suggestion_imports;
DELETE FROM suggestions WHERE lead_deputy_id IS NULL;
ALTER TABLE suggestions
    DROP CONSTRAINT suggestions_lead_or_imported,
    DROP COLUMN origin;
ALTER TABLE suggestions ALTER COLUMN lead_deputy_id SET NOT NULL;
