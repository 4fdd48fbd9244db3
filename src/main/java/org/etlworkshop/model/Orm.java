package org.etlworkshop.model;

import org.hibernate.SessionFactory;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import javax.sql.DataSource;

/** Builds Hibernate's SessionFactory for the workshop's entities, in code (no persistence.xml). */
public final class Orm {
    /** Maps the events table to another name (a stage table); everything else keeps its name. */
    private static final class EventsTableNaming extends PhysicalNamingStrategyStandardImpl {
        private final String eventsTable;

        EventsTableNaming(String eventsTable) {
            this.eventsTable = eventsTable;
        }

        @Override
        public Identifier toPhysicalTableName(Identifier name, JdbcEnvironment context) {
            return eventsTable != null && name.getText().equals("response_events")
                    ? Identifier.toIdentifier(eventsTable) : name;
        }
    }

    private Orm() {
    }

    public static SessionFactory sessionFactory(DataSource dataSource) {
        return sessionFactory(dataSource, true);
    }

    /** @param statistics whether Hibernate counts entity loads, fetches and flushes (a small cost per operation) */
    public static SessionFactory sessionFactory(DataSource dataSource, boolean statistics) {
        return sessionFactory(dataSource, statistics, null);
    }

    /**
     * @param eventsTable the table {@link ResponseEvent} is written to instead of {@code response_events}
     *                    (in the same schema), e.g. a run's stage table; null for the live one
     */
    public static SessionFactory sessionFactory(DataSource dataSource, boolean statistics, String eventsTable) {
        return configuration(dataSource, statistics, eventsTable).createEntityManagerFactory();
    }

    /**
     * Builds the session factory and closes it, never connecting: the database is named instead of asked
     * for its metadata. What the build's class-data-sharing training runs, so that every class of
     * Hibernate's bootstrap is in the archive a command starts from.
     */
    public static void bootstrapWithoutDatabase(DataSource neverConnected) {
        configuration(neverConnected, true, null)
                .property(AvailableSettings.ALLOW_METADATA_ON_BOOT, false)
                .property(AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "PostgreSQL")
                .property(AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, "18")
                .createEntityManagerFactory()
                .close();
    }

    private static HibernatePersistenceConfiguration configuration(DataSource dataSource, boolean statistics,
                                                                   String eventsTable) {
        return new HibernatePersistenceConfiguration("etl")
                .managedClasses(Form.class, User.class, Submission.class, ResponseEvent.class, IdentityKeyedEvent.class)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                // Group INSERTs by entity so a flush never breaks a JDBC batch; batch size is per loader.
                .property(AvailableSettings.ORDER_INSERTS, true)
                // One nextval reserves [value, value + 1000): the same rule the COPY loaders follow.
                .property(AvailableSettings.PREFERRED_POOLED_OPTIMIZER, "pooled-lo")
                // Entity loads, lazy fetches, flushes and transactions for the run summary.
                .property(AvailableSettings.GENERATE_STATISTICS, statistics)
                .property(AvailableSettings.LOG_SESSION_METRICS, false)
                .property(AvailableSettings.PHYSICAL_NAMING_STRATEGY, new EventsTableNaming(eventsTable));
    }
}
