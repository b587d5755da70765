-- Local practice (DOMAIN.md): co-handlers give their input to the lead organisation within
-- 1 month of referral (configurable per congress, 1–3 months), and the reminder sweep
-- reminds a co-handler whose input is due soon or overdue.
ALTER TABLE suggestion_settings
    ADD COLUMN co_input_months integer NOT NULL DEFAULT 1 CHECK (co_input_months BETWEEN 1 AND 3);

ALTER TABLE suggestion_reminders DROP CONSTRAINT suggestion_reminders_kind_check;
ALTER TABLE suggestion_reminders ADD CONSTRAINT suggestion_reminders_kind_check
    CHECK (kind IN ('due_soon', 'overdue', 'input_due_soon', 'input_overdue'));
