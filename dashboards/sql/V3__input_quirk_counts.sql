-- Issue 13, the reader's counts of the real data's quirks on the weekly record (dexposure.network-metrics):
-- null-id nodes merged into the one `None` node, links with a null endpoint attached to it, and links of
-- size <= 0 (dropped by default, or flipped).
ALTER TABLE dexposure_week_metrics ADD COLUMN null_id_nodes integer;
ALTER TABLE dexposure_week_metrics ADD COLUMN null_id_links integer;
ALTER TABLE dexposure_week_metrics ADD COLUMN non_positive_links integer;
