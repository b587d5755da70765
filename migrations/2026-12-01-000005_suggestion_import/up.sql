-- Import of suggestions from files (issue 5 item 8). An imported item keeps, beside it,
-- the file's reference (number and year: the key of a re-import), and the proposer and
-- category as the file writes them. A proposer that is no deputy of the congress (a
-- body, or a person not in the registry) is kept as text only, so an imported item may
-- have no lead deputy.

ALTER TABLE suggestions ALTER COLUMN lead_deputy_id DROP NOT NULL;
ALTER TABLE suggestions
    ADD COLUMN origin text NOT NULL DEFAULT 'entered' CHECK (origin IN ('entered', 'imported')),
    ADD CONSTRAINT suggestions_lead_or_imported CHECK (lead_deputy_id IS NOT NULL OR origin = 'imported');

CREATE TABLE suggestion_imports (
    suggestion_id uuid PRIMARY KEY REFERENCES suggestions (id) ON DELETE CASCADE,
    congress_id uuid NOT NULL REFERENCES congresses (id) ON DELETE CASCADE,
    -- the year the file's numbers belong to (its year column, else the submission's year)
    source_year integer,
    -- the file's own number of the item (提案号)
    source_reference text NOT NULL CHECK (length(source_reference) > 0),
    -- the proposer as the file writes it (`X等2人`, `民盟江苏省委`)
    proposer text,
    -- the file's category as written, whether or not it maps onto the taxonomy
    source_category text,
    imported_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX suggestion_imports_key
    ON suggestion_imports (congress_id, COALESCE(source_year, 0), source_reference);
