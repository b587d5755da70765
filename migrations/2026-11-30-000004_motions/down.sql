DROP TABLE IF EXISTS motion_events;
DROP TABLE IF EXISTS motion_signers;
DROP TABLE IF EXISTS motions;
