-- Issue 12, one vocabulary: a week's count of distinct directed links is `links` everywhere (the record
-- field on dexposure.network-metrics was renamed from `edges` in the same change).
ALTER TABLE dexposure_week_metrics RENAME COLUMN edges TO links;
