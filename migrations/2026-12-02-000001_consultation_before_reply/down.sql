ALTER TABLE suggestion_consultations DROP COLUMN round;
ALTER TABLE suggestions DROP COLUMN round_started_on;
