-- Issue 17, the anomalies stream (dexposure.anomalies): the week's top-N nodes by the anomaly ensemble,
-- each detector's score and the features driving it (drivers: ["name=+z", ...]).
CREATE TABLE IF NOT EXISTS dexposure_anomalies (
    id                                 text,
    week                               date NOT NULL,
    rank                               integer,
    node                               text NOT NULL,
    name                               text,
    category                           text,
    ensemble                           double precision,
    isolation_forest                   double precision,
    kmeans_distance                    double precision,
    dbscan_core_distance               double precision,
    pca_error                          double precision,
    dbscan_noise                       boolean,
    drivers                            jsonb,
    nodes_scored                       integer,
    features                           text,
    updated_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (week, node)
);

CREATE INDEX IF NOT EXISTS dexposure_anomalies_rank ON dexposure_anomalies (week, rank);
