-- Issue 14: incidents (dexposure.incidents) and the two new fields of every alert (V4: V2 and V3 are issue 12 and 13).

-- Alerts name their stream ("alert", for mixed outputs) and the incident they belong to (null: none).
ALTER TABLE dexposure_alerts ADD COLUMN IF NOT EXISTS record text;
ALTER TABLE dexposure_alerts ADD COLUMN IF NOT EXISTS incident text;

-- One row per open incident and week: alerts about one event grouped under a stable incident id;
-- subjects = its assets (role asset, usd held by others) and top creditors (role creditor, usd lost), as JSON.
CREATE TABLE IF NOT EXISTS dexposure_incidents (
    record                             text,
    id                                 text,
    incident                           text NOT NULL,
    week                               date NOT NULL,
    status                             text,
    severity                           text,
    subject                            text,
    subject_name                       text,
    opened_week                        text,
    quiet_weeks                        integer,
    usd_held                           double precision,
    usd_lost                           double precision,
    contagion_loss_usd                 double precision,
    contagion_loss_share               double precision,
    subjects                           jsonb,
    member_alert_ids                   jsonb,
    week_alerts                        integer,
    message                            text,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, incident)
);

CREATE INDEX IF NOT EXISTS dexposure_incidents_severity ON dexposure_incidents (severity, week);
CREATE INDEX IF NOT EXISTS dexposure_alerts_incident ON dexposure_alerts (incident, week);
