package org.etlworkshop.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.etlworkshop.EtlException;

import java.util.Map;

/** HikariCP pools: the only place connections are configured. */
public final class Pools {
    private Pools() {
    }

    public static HikariDataSource open(ConnectionInfo target, int size, Map<String, String> driverProperties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("etl-" + target.database());
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        target.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(30_000);
        driverProperties.forEach(config::addDataSourceProperty);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new EtlException("cannot connect to " + target + ": " + rootMessage(e), e);
        }
    }

    public static HikariDataSource open(ConnectionInfo target) {
        return open(target, 4, Map.of());
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
