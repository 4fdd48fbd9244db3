package org.etlworkshop.db;

import java.util.Map;

/**
 * How the embedded server trades safety for speed. Zonky starts PostgreSQL with fsync and
 * synchronous_commit off: right for a workshop whose data can be regenerated, but it hides most of
 * what a commit per row costs on a real server. {@code --durable} turns them back on.
 */
public enum Durability {
    FAST(Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off")),
    DURABLE(Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on"));

    private final Map<String, String> serverSettings;

    Durability(Map<String, String> serverSettings) {
        this.serverSettings = serverSettings;
    }

    public Map<String, String> serverSettings() {
        return serverSettings;
    }
}
