package org.etlworkshop.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.etlworkshop.Progress;

import java.util.OptionalLong;


/**
 * What the user sees: results on stdout, status, warnings and progress on stderr (so
 * {@code etl ... > file} captures only results). Progress bars appear only on a terminal.
 */
final class Console {
    private Console() {
    }


    static void line(String text) {
        System.out.println(text);
    }

    /** A value shown in a summary: quoted, control characters escaped, cut at 60 characters. */
    static String quoted(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                out.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('"').toString();
    }

    static void status(String text) {
        System.err.println(text);
    }

    static void warn(String text) {
        System.err.println("warning: " + text);
    }

    /** A progress bar, or nothing when stderr is not a terminal (CI logs, pipes). */
    static ProgressHandle progress(String task, long total, String unit) {
        if (System.console() == null || total <= 0) {
            return new ProgressHandle(null);
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
        return new ProgressHandle(bar);
    }

    /**
     * Bytes moved against the total when it is known (an indefinite bar otherwise), with the rows so
     * far beside them: for import, export and transfer, whose size is known only once the source
     * has answered. Nothing when stderr is not a terminal.
     */
    static final class BytesProgress implements AutoCloseable {
        private final String task;
        private ProgressBar bar;

        BytesProgress(String task) {
            this.task = task;
        }

        void update(long rows, long bytes, OptionalLong total) {
            if (System.console() == null) {
                return;
            }
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total.orElse(-1))
                        .setUnit(" MiB", 1 << 20).showSpeed().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            }
            bar.stepTo(bytes);
            bar.setExtraMessage(String.format(" %,d rows", rows));
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    static final class ProgressHandle implements Progress, AutoCloseable {
        private final ProgressBar bar;

        ProgressHandle(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void advance(long steps) {
            if (bar != null) {
                bar.stepBy(steps);
            }
        }


        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
