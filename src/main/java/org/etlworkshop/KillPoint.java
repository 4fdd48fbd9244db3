package org.etlworkshop;

/**
 * A named point between two steps of a multi-step commit where a test may stop this JVM dead, as
 * {@code kill -9} would, to prove the steps are all or nothing wherever they are cut: run with
 * {@code -Detl.kill-at=NAME} and the JVM halts when it reaches that point. Without the property,
 * reaching a point does nothing.
 */
public final class KillPoint {
    private static final String AT = System.getProperty("etl.kill-at", "");

    private KillPoint() {
    }

    public static void reached(String name) {
        if (AT.equals(name)) {
            System.out.flush();
            Runtime.getRuntime().halt(137); // no shutdown hook, no rollback sent: like SIGKILL
        }
    }
}
