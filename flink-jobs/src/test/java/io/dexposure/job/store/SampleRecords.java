package io.dexposure.job.store;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertSubject;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.metrics.CurvedLink;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.RankedNode;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.analytics.linkpred.ModelQuality;

import java.util.List;

/**
 * One hand-made record of every result type, every field set (nulls only where a field may be null), for
 * the store's round trip and for running every dashboard query against rows of every table. Protocol "1"
 * (Aave-like) in week 2022-05-09 throughout, so the protocol dashboard finds it everywhere.
 */
final class SampleRecords {
    static final String WEEK = "2022-05-09";
    static final String NODE = "1";

    private SampleRecords() {
    }

    static WeekMetrics weekMetrics(double tvl) {
        WeekMetrics m = new WeekMetrics();
        m.id = WEEK + ":network-metrics";
        m.week = WEEK;
        m.nodes = 3;
        m.protocols = 2;
        m.tokenBuckets = 1;
        m.links = 2;
        m.totalTvlUsd = tvl;
        m.totalExposureUsd = 10;
        m.protocolExposureUsd = 7;
        m.density = 1.0 / 3;
        m.meanDegree = 2.0 / 3;
        m.assortativity = -0.5;
        m.curvatureMean = -0.25;
        m.curvatureP05 = Double.NaN;
        m.codelength = 1.5;
        m.modularity = 0.1;
        m.pageRankTop10 = List.of(new RankedNode(1, NODE, "Aave", "Lending", "protocol", 0.5),
                new RankedNode(2, "USDT", null, null, "token_bucket", 0.3));
        m.weightedPageRankTop10 = List.of(new RankedNode(1, NODE, "Aave", "Lending", "protocol", 0.6));
        m.betweennessTop10 = List.of();
        CurvedLink link = new CurvedLink();
        link.source = NODE;
        link.target = "2";
        link.curvature = -0.75;
        m.mostNegativeCurvature = List.of(link);
        return m;
    }

    static ProtocolMetrics protocolMetrics() {
        ProtocolMetrics p = new ProtocolMetrics();
        p.id = WEEK + ":" + NODE;
        p.week = WEEK;
        p.node = NODE;
        p.name = "Aave";
        p.category = "Lending";
        p.kind = "protocol";
        p.tvlUsd = 100;
        p.inDegree = 1;
        p.outDegree = 2;
        p.inStrengthUsd = 3;
        p.outStrengthUsd = 4;
        p.pageRank = 0.5;
        p.community = 2;
        p.meanCurvature = null;
        return p;
    }

    static WeekIssue issue() {
        WeekIssue i = WeekIssue.of(WEEK, WeekIssue.COUNTS_MISMATCH, "Week " + WEEK + " does not add up.");
        i.expectedNodes = 3;
        i.receivedNodes = 2;
        return i;
    }

    static Alert alert() {
        Alert a = new Alert();
        a.week = WEEK;
        a.rule = "issuer-collapse";
        a.severity = Alert.CRITICAL;
        a.subject = NODE;
        a.id = Alert.id(a.week, a.rule, a.subject);
        a.subjectName = "Aave";
        a.subjectCategory = "Lending";
        a.value = 0.6;
        a.threshold = 0.3;
        a.usdAtRisk = 1.5e9;
        a.subjects = new AlertSubject[] {AlertSubject.of(NODE, "Aave", "Lending", "issuer", 1.5e9),
                AlertSubject.of("2", "Curve", "Dexes", "creditor", 2.0e8)};
        a.message = "Aave lost 60 % of its TVL.";
        a.incident = "incident:" + WEEK + ":" + NODE;
        return a;
    }

    static io.dexposure.analytics.incidents.Incident incident() {
        io.dexposure.analytics.incidents.Incident i = new io.dexposure.analytics.incidents.Incident();
        i.incident = "incident:" + WEEK + ":" + NODE;
        i.id = i.incident + "@" + WEEK;
        i.week = WEEK;
        i.status = io.dexposure.analytics.incidents.Incident.OPEN;
        i.severity = Alert.CRITICAL;
        i.subject = NODE;
        i.subjectName = "Aave";
        i.openedWeek = WEEK;
        i.usdHeld = 2.5e9;
        i.usdLost = 1.5e9;
        i.contagionLossUsd = 3.0e9;
        i.contagionLossShare = 0.06;
        i.subjects = new AlertSubject[] {AlertSubject.of(NODE, "Aave", "Lending", "asset", 2.5e9),
                AlertSubject.of("2", "Curve", "Dexes", "creditor", 2.0e8)};
        i.memberAlertIds = new String[] {Alert.id(WEEK, "issuer-collapse", NODE)};
        i.weekAlerts = 1;
        i.message = "Incident: Aave.";
        return i;
    }

    static ProtocolRisk protocolRisk() {
        ProtocolRisk r = new ProtocolRisk();
        r.id = WEEK + ":" + NODE;
        r.week = WEEK;
        r.node = NODE;
        r.name = "Aave";
        r.category = "Lending";
        r.rank = 1;
        r.systemicImportance = 0.9;
        r.pageRankScore = 0.8;
        r.tailExposureScore = 0.7;
        r.tvlScore = 0.6;
        r.pageRank = 0.2;
        r.tailExposureUsd = 5e8;
        r.tvlUsd = 1e10;
        r.debtRankLossUsd = 2e9;
        return r;
    }

    static WeekRisk weekRisk() {
        WeekRisk r = new WeekRisk();
        r.id = WEEK + ":week-risk";
        r.week = WEEK;
        r.systemTvlUsd = 1e11;
        r.observedShocks = 4;
        r.observedLossShare = 0.05;
        r.worstSystemicNode = NODE;
        r.worstSystemicLossShare = 0.1;
        r.sectorHhi = 0.2;
        r.sectorFlows = new WeekRisk.SectorFlow[] {new WeekRisk.SectorFlow("Lending", "Dexes", 1e9)};
        return r;
    }

    static LinkPrediction prediction() {
        LinkPrediction p = new LinkPrediction();
        p.week = WEEK;
        p.madeAt = "2022-05-02";
        p.kind = LinkPrediction.NEW;
        p.rank = 1;
        p.source = NODE;
        p.sourceName = "Aave";
        p.target = "2";
        p.targetName = "Curve";
        p.id = p.week + ":" + p.source + ">" + p.target;
        p.probability = 0.83;
        return p;
    }

    static ModelQuality modelQuality(String model) {
        ModelQuality q = new ModelQuality();
        q.week = WEEK;
        q.model = model;
        q.id = WEEK + ":" + model;
        q.auprc = 0.7;
        q.auroc = 0.9;
        q.mrr = 0.4;
        q.positives = 10;
        q.negatives = 10;
        if ("roland".equals(model)) {
            q.stepMillis = 80L;
            q.epochs = 3;
            q.trainLoss = 0.12;
        }
        return q;
    }

    /** A week of sector flows with a fitted VAR(1) of two sectors (every VAR field set). */
    static io.dexposure.analytics.sectors.SectorFlowRecord sectorFlows() {
        var r = new io.dexposure.analytics.sectors.SectorFlowRecord();
        r.id = WEEK + ":sector-flows";
        r.week = WEEK;
        r.previous = "2022-05-02";
        r.priced = false;
        var lending = new io.dexposure.analytics.sectors.SectorFlowRecord.Sector();
        lending.sector = "Lending";
        lending.tvlUsd = 100;
        lending.tvlChangeUsd = -20;
        lending.netInflowUsd = -20;
        var dexes = new io.dexposure.analytics.sectors.SectorFlowRecord.Sector();
        dexes.sector = "Dexes";
        dexes.tvlUsd = 50;
        dexes.tvlChangeUsd = 5;
        dexes.netInflowUsd = 5;
        r.sectors = new io.dexposure.analytics.sectors.SectorFlowRecord.Sector[] {dexes, lending};
        var cross = new io.dexposure.analytics.sectors.SectorFlowRecord.CrossFlow();
        cross.from = "Lending";
        cross.to = "Dexes";
        cross.exposureUsd = 7;
        cross.changeUsd = -3;
        r.crossFlows = new io.dexposure.analytics.sectors.SectorFlowRecord.CrossFlow[] {cross};
        r.varWindowWeeks = 52;
        r.varSectors = new String[] {"Lending", "Dexes"};
        r.varCriterion = "aic";
        r.varSelectedLag = 1;
        r.varLag = 1;
        r.varNobs = 51;
        r.varAic = -3.5;
        r.varBic = -3.2;
        r.varParamNames = new String[] {"const", "L1.Lending", "L1.Dexes"};
        r.varParams = new double[][] {{0.1, 0.2}, {0.5, 0.1}, {0.0, 0.3}};
        r.varStderr = new double[][] {{0.01, 0.02}, {0.05, 0.01}, {0.02, 0.03}};
        r.varGrangerP = new Double[][] {{null, 0.04}, {0.5, null}};
        r.varIrf = new double[][][] {{{1.0, 0.0}, {0.2, 0.5}}, {{0.5, 0.1}, {0.3, 0.2}}};
        r.varIrfBands = "asymptotic";
        r.varIrfLower = new double[][][] {{{0.8, 0.0}, {0.1, 0.4}}, {{0.3, 0.0}, {0.1, 0.1}}};
        r.varIrfUpper = new double[][][] {{{1.2, 0.0}, {0.3, 0.6}}, {{0.7, 0.2}, {0.5, 0.3}}};
        r.varIrfStderr = new double[][][] {{{0.12, 0.0}, {0.06, 0.06}}, {{0.12, 0.06}, {0.12, 0.06}}};
        r.varBootstrapDraws = 0;
        return r;
    }

    static io.dexposure.analytics.anomaly.AnomalyRecord anomaly() {
        var r = new io.dexposure.analytics.anomaly.AnomalyRecord();
        r.id = WEEK + ":" + NODE;
        r.week = WEEK;
        r.rank = 1;
        r.node = NODE;
        r.name = "Aave";
        r.category = "Lending";
        r.ensemble = 0.99;
        r.isolationForest = 0.7;
        r.kmeansDistance = 4.5;
        r.dbscanCoreDistance = 3.2;
        r.pcaError = 12.5;
        r.dbscanNoise = true;
        r.drivers = new String[] {"d_log_tvl=-9.5", "log_tvl=+3.1"};
        r.nodesScored = 3;
        r.features = "all";
        return r;
    }
}
