-- R4 (OL 25): a motion's outcome comes from its vote, which passes only with more than
-- half of ALL deputies in office, not of those present. The counts, the number of deputies
-- in office at the vote (the denominator) and the vote's date are kept with the motion.
ALTER TABLE motions
    ADD COLUMN votes_for integer CHECK (votes_for >= 0),
    ADD COLUMN votes_against integer CHECK (votes_against >= 0),
    ADD COLUMN abstentions integer CHECK (abstentions >= 0),
    ADD COLUMN votes_in_office integer CHECK (votes_in_office > 0),
    ADD COLUMN voted_on date,
    ADD CONSTRAINT motions_vote_complete CHECK (
        (votes_for IS NULL) = (votes_against IS NULL)
        AND (votes_for IS NULL) = (abstentions IS NULL)
        AND (votes_for IS NULL) = (votes_in_office IS NULL)
        AND (votes_for IS NULL) = (voted_on IS NULL));
