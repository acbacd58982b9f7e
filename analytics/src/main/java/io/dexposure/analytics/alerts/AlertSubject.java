package io.dexposure.analytics.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A protocol named by an alert, with its part in it (issuer, creditor, shocked, ...) and the USD involved. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertSubject {
    public String id;
    public String name;
    public String category;
    /** issuer, creditor, shocked, distressed, sector, metric. */
    public String role;
    public Double usd;

    public AlertSubject() {
    }

    public static AlertSubject of(String id, String name, String category, String role, Double usd) {
        AlertSubject s = new AlertSubject();
        s.id = id;
        s.name = name;
        s.category = category;
        s.role = role;
        s.usd = usd;
        return s;
    }
}
