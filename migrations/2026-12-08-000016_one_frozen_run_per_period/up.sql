-- A term's period has one frozen assessment, from which its awards come: the freeze step
-- refuses a second (period_already_frozen), and this index holds it against two freezes
-- at once. A database that already has two frozen runs of a period keeps them (the
-- office resolves them) and gets the index once they are resolved by hand.
DO $$
BEGIN
    CREATE UNIQUE INDEX assessment_runs_one_frozen ON assessment_runs (term_id, period_from, period_to)
        WHERE status = 'frozen';
EXCEPTION WHEN unique_violation THEN
    RAISE NOTICE 'two frozen runs share a period: assessment_runs_one_frozen is not created';
END
$$;
