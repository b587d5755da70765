DROP INDEX IF EXISTS work_appraisal_units_org;
DROP INDEX IF EXISTS work_appraisals_updated;
DROP INDEX IF EXISTS duty_reports_updated;
