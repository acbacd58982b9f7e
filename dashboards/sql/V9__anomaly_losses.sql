-- Issue 17, the anomalies stream gains the autoencoder's score (the ensemble's fifth detector, null when it is
-- left out) and what the week's collapsing issuers cost the node: its own loss if it collapsed, and its loss as
-- a creditor of those that did (USD; analytics.anomaly.CollapseLosses).
ALTER TABLE dexposure_anomalies ADD COLUMN IF NOT EXISTS autoencoder_error double precision;
ALTER TABLE dexposure_anomalies ADD COLUMN IF NOT EXISTS collapse_loss_usd double precision;
ALTER TABLE dexposure_anomalies ADD COLUMN IF NOT EXISTS creditor_loss_usd double precision;
