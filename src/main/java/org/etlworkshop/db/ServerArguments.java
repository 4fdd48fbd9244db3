package org.etlworkshop.db;

import org.etlworkshop.UsageException;

import java.io.File;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What may reach the embedded server's command line. Zonky passes the data directory and every
 * {@code -c name=value} to {@code pg_ctl} through a shell, so a value such as
 * {@code 4MB$(touch /tmp/x)} or {@code 1GB -c fsync=on} would run code or smuggle in another setting.
 * Names are PostgreSQL identifiers; values and paths are refused if they hold anything a shell reads.
 */
final class ServerArguments {
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    /** Numbers with units, words, lists: 4MB, 0.9, on, replica, pg_stat_statements,auto_explain, 10s. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.,:+-]+");
    private static final Pattern SHELL_SAFE_PATH = Pattern.compile(File.separatorChar == '\\'
            ? "[A-Za-z0-9_./+,:@=~\\\\-]+" // Windows: its separator, and no %, which cmd expands
            : "[A-Za-z0-9_./+,:@%=~-]+");

    private ServerArguments() {
    }

    static void checkSetting(String name, String value) {
        if (!NAME.matcher(name).matches()) {
            throw new UsageException("--server-setting: '" + name + "' is not a PostgreSQL setting name "
                    + "(lowercase letters, digits and '_', e.g. shared_buffers)");
        }
        if (!VALUE.matcher(value).matches()) {
            throw new UsageException("--server-setting " + name + ": the value '" + value + "' may only hold letters, "
                    + "digits and . , : + - _ (e.g. 1GB, 0.9, on); one setting per --server-setting");
        }
    }

    static void checkDataDir(Path dataDir) {
        String text = dataDir.toString();
        if (text.isEmpty()) {
            throw new UsageException("--data-dir: give a directory (default: .etl)");
        }
        String absolute = dataDir.toAbsolutePath().normalize().toString();
        if (!SHELL_SAFE_PATH.matcher(absolute).matches()) {
            throw new UsageException("--data-dir " + text + ": the path may only hold letters, digits and _ . / + , : @ % = ~ -"
                    + " (the embedded server's tools receive it through a shell)");
        }
    }
}
