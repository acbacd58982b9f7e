-- The sector-flows stream's VAR bands can be drawn two ways (--sector-var-irf-bands): which one made
-- var_irf_lower / var_irf_upper ('asymptotic' or 'bootstrap', null without bands), and the delta-method
-- standard errors of var_irf behind asymptotic bands (null for bootstrap bands).
ALTER TABLE dexposure_sector_flows ADD COLUMN IF NOT EXISTS var_irf_bands text;
ALTER TABLE dexposure_sector_flows ADD COLUMN IF NOT EXISTS var_irf_stderr jsonb;
