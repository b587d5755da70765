-- Duty reports and work appraisals (issue 11): indexes for their lists (`updated_since`
-- paging, a congress's appraisals, a department's units). No column changes.
CREATE INDEX duty_reports_updated ON duty_reports (updated_at, id);
CREATE INDEX work_appraisals_updated ON work_appraisals (congress_id, updated_at, id);
CREATE INDEX work_appraisal_units_org ON work_appraisal_units (handling_org_id);
