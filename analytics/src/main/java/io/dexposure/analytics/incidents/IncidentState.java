package io.dexposure.analytics.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The open incidents, carried from week to week (the sequential operator keeps it as JSON in its state).
 * Plain Jackson-friendly fields.
 */
public class IncidentState {
    public List<Open> open = new ArrayList<>();

    public IncidentState() {
    }

    /** One open incident. */
    public static class Open {
        public String incident;
        public String openedWeek;
        public String subject;
        public String subjectName;
        public int quietWeeks;
        public TreeMap<String, Party> assets = new TreeMap<>();
        public TreeMap<String, Party> creditors = new TreeMap<>();
        /** Every node id named by a member alert: later alerts naming one of them belong here. */
        public TreeSet<String> involved = new TreeSet<>();
        public List<String> memberAlertIds = new ArrayList<>();
        public Double contagionLossUsd;
        public Double contagionLossShare;

        public Open() {
        }
    }

    /** An asset (usd = held by others before its collapse) or a creditor (usd = measured loss so far). */
    public static class Party {
        public String name;
        public String category;
        public double usd;

        public Party() {
        }
    }
}
