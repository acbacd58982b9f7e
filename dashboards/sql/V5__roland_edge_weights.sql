-- Issue 15, ROLAND's edge-weight head: the predicted ln(USD) and USD of each predicted link, and the
-- weight MAE (log space) on ROLAND's model-quality record.
ALTER TABLE dexposure_link_predictions ADD COLUMN IF NOT EXISTS log_exposure double precision;
ALTER TABLE dexposure_link_predictions ADD COLUMN IF NOT EXISTS exposure_usd double precision;
ALTER TABLE dexposure_model_quality ADD COLUMN IF NOT EXISTS weight_mae double precision;
