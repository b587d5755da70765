ALTER TABLE motions
    DROP CONSTRAINT motions_vote_complete,
    DROP COLUMN voted_on,
    DROP COLUMN votes_in_office,
    DROP COLUMN abstentions,
    DROP COLUMN votes_against,
    DROP COLUMN votes_for;
