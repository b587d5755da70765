DELETE FROM suggestion_reminders WHERE kind IN ('input_due_soon', 'input_overdue');
ALTER TABLE suggestion_reminders DROP CONSTRAINT suggestion_reminders_kind_check;
ALTER TABLE suggestion_reminders ADD CONSTRAINT suggestion_reminders_kind_check
    CHECK (kind IN ('due_soon', 'overdue'));
ALTER TABLE suggestion_settings DROP COLUMN co_input_months;
