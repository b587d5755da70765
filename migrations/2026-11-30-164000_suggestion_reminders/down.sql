DROP TABLE suggestion_reminders;
