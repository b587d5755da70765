-- R7 (DL 51: the handling organisations must consult the deputy). The lead organisation's
-- reply is sent only after a consultation (面商) it held in the current round of handling.
-- A round starts on the referral date (round 1) or on the day re-handling began (later
-- rounds); a consultation belongs to the round in which it was recorded.

ALTER TABLE suggestions ADD COLUMN round_started_on date;
UPDATE suggestions SET round_started_on = referred_on WHERE round = 1;
UPDATE suggestions s SET round_started_on = COALESCE(
    (SELECT (max(e.at) AT TIME ZONE 'Asia/Shanghai')::date
       FROM suggestion_events e
      WHERE e.suggestion_id = s.id AND e.action = 'rehandle'),
    s.referred_on)
 WHERE s.round > 1;

ALTER TABLE suggestion_consultations ADD COLUMN round integer NOT NULL DEFAULT 1 CHECK (round >= 1);
UPDATE suggestion_consultations c SET round = 1 + (
    SELECT count(*) FROM suggestion_events e
     WHERE e.suggestion_id = c.suggestion_id AND e.action = 'rehandle' AND e.at <= c.created_at);
ALTER TABLE suggestion_consultations ALTER COLUMN round DROP DEFAULT;
