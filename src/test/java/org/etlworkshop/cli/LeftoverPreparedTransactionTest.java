package org.etlworkshop.cli;

import org.etlworkshop.TestDatabase;
import org.etlworkshop.db.Databases;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.etlworkshop.cli.Cli.etl;

/**
 * A prepared transaction left in a database keeps it from being dropped or copied. {@code etl
 * process} and {@code etl clean} name one that is not this tool's and say how to clear it; one that
 * an interrupted {@code etl import --workers} left in a database about to be dropped is rolled back
 * on the way (everything it holds goes with the database).
 */
class LeftoverPreparedTransactionTest {
    private static final String RUN = Databases.runName("small");
    private static final String TEMPLATE = Databases.templateName("small");

    private static String[] args(String... command) {
        int port = TestDatabase.server().maintenance().port();
        String[] all = new String[command.length + 4];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(new String[]{"--url", "jdbc:postgresql://localhost:" + port + "/postgres", "--user", "postgres"}, 0, all,
                command.length, 4);
        return all;
    }

    private static Cli.Outcome process() {
        return etl(args("process", "small", "copy", "--profile-out", "target/leftover-prepared.json"));
    }

    private static void prepare(String database, String gid, String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(database); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            if (sql != null) {
                s.execute(sql);
            }
            s.execute("PREPARE TRANSACTION '" + gid + "'");
            c.setAutoCommit(true);
        }
    }

    private static void rollBack(String database, String gid) throws SQLException {
        try (Connection c = TestDatabase.connect(database); Statement s = c.createStatement()) {
            s.execute("ROLLBACK PREPARED '" + gid + "'");
        }
    }

    private static long prepared(String database) {
        return TestDatabase.count("postgres", "SELECT count(*) FROM pg_prepared_xacts WHERE database = '" + database + "'");
    }

    @Test
    void processAndCleanNameAForeignPreparedTransactionAndHowToClearIt() throws SQLException {
        assertThat(process().exitCode()).isZero();
        String gid = "someone-" + UUID.randomUUID();
        prepare(RUN, gid, "UPDATE dwh.etl_runs SET note = note"); // holds a lock as well
        try {
            for (Cli.Outcome refused : new Cli.Outcome[]{process(), etl(args("clean", "small"))}) {
                assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
                assertThat(refused.err().lines().filter(line -> line.startsWith("etl: "))).as(refused.err()).singleElement().asString()
                        .contains("database " + RUN + " cannot be dropped", "'" + gid + "'",
                                "./etl psql small -c \"ROLLBACK PREPARED '" + gid + "'\"");
            }
            assertThat(prepared(RUN)).as("not this tool's: left as it was").isOne();
        } finally {
            rollBack(RUN, gid); // as the message says
        }
        assertThat(process().exitCode()).isZero();
    }

    @Test
    void aTemplateThatHoldsAPreparedTransactionIsNotCopied() throws SQLException {
        assertThat(process().exitCode()).isZero();
        String gid = "etl-import-" + UUID.randomUUID() + "-1-of-2"; // even one of ours: the template is never dropped for it
        prepare(TEMPLATE, gid, null);
        try {
            Cli.Outcome refused = process();
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).contains("database " + TEMPLATE + " cannot be copied", "ROLLBACK PREPARED '" + gid + "'");
        } finally {
            rollBack(TEMPLATE, gid);
        }
        assertThat(process().exitCode()).isZero();
    }

    @Test
    void whatAnInterruptedImportLeftInADatabaseToDropIsRolledBackOnTheWay() throws SQLException {
        assertThat(process().exitCode()).isZero();
        String run = "etl-import-" + UUID.randomUUID();
        prepare(RUN, run + "-1-of-2", "UPDATE dwh.etl_runs SET note = 'worker 1'");
        prepare(RUN, run + "-commit-of-2", null); // even a decided one: the database is dropped, and all it held with it
        Cli.Outcome again = process();
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(prepared(RUN)).isZero();

        prepare(RUN, run + "-2-of-2", null);
        Cli.Outcome clean = etl(args("clean", "small"));
        assertThat(clean.exitCode()).as(clean.all()).isZero();
        assertThat(prepared(RUN)).isZero();
        assertThat(TestDatabase.databases().exists(RUN)).isFalse();
    }
}
