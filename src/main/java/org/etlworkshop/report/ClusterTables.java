package org.etlworkshop.report;

import org.etlworkshop.EtlException;
import org.etlworkshop.IoErrors;
import org.etlworkshop.UsageException;
import org.etlworkshop.measure.Interference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A matrix run on a Citus cluster ({@code --distributed}): where each processor's time went (this
 * JVM's CPU, the coordinator's, the workers', the coordinator's statements to the workers), and,
 * given a matrix of the same scenario on one server of the same machine ({@code --beside}), each
 * processor's time there and here, with the ratio: what the coordinator costs.
 */
final class ClusterTables {
    static final String[] WHERE_HEADERS = {"run", "time (s)", "this JVM CPU (s)", "coordinator CPU (s)", "workers CPU (s)",
            "one-shard statements", "fanned-out statements", "connections opened", "events per node"};
    static final String[] BESIDE_HEADERS = {"run", "one server (s)", "cluster (s)", "cluster / one server", "one server rows/s",
            "cluster rows/s", "one server: server CPU (s)", "cluster: coordinator + workers CPU (s)"};

    private ClusterTables() {
    }

    /** One row per processor that ran distributed; none on one server. */
    static List<List<String>> whereRows(List<Profile> profiles) {
        List<List<String>> rows = new ArrayList<>();
        for (Profile p : profiles) {
            Profile.Distribution d = p.distribution();
            if (d == null) {
                continue;
            }
            Interference i = p.interference();
            rows.add(List.of(p.processor().name(), seconds(p.phases().runSeconds()), i == null ? "n/a" : seconds(i.ownCpuSeconds()),
                    i == null ? "n/a" : cpu(i.serverCpuSeconds()), i == null ? "n/a" : cpu(i.workersCpuSeconds()),
                    count(d.singleShardStatements()), count(d.multiShardStatements()), count(d.connectionsOpened()),
                    d.eventsPerNode().stream().map(n -> n.node() + ": " + String.format("%,d", n.rows())).collect(Collectors.joining(", "))));
        }
        return rows;
    }

    /** Each processor of this matrix beside the same processor of the one-server matrix, where both ran. */
    static List<List<String>> besideRows(List<Profile> cluster, List<Profile> oneServer) {
        Map<String, Profile> single = oneServer.stream().collect(Collectors.toMap(p -> p.processor().name(), p -> p, (a, b) -> a));
        List<List<String>> rows = new ArrayList<>();
        for (Profile c : cluster) {
            Profile s = single.get(c.processor().name());
            if (s == null) {
                continue;
            }
            rows.add(List.of(c.processor().name(), seconds(s.phases().runSeconds()), seconds(c.phases().runSeconds()),
                    String.format("%.2fx", c.phases().runSeconds() / s.phases().runSeconds()), count(Math.round(s.rowsPerSecond())),
                    count(Math.round(c.rowsPerSecond())), s.interference() == null ? "n/a" : cpu(s.interference().serverCpuSeconds()),
                    c.interference() == null ? "n/a" : cpu(Math.max(0, c.interference().serverCpuSeconds())
                            + Math.max(0, c.interference().workersCpuSeconds()))));
        }
        return rows;
    }

    /** The median run of each processor in another matrix's report directory ({@code --beside DIR}). */
    static List<Profile> mediansIn(Path matrixDir, String scenario) {
        Path runs = matrixDir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            throw new UsageException("--beside " + matrixDir + ": no runs/ there; give the directory of an etl matrix report");
        }
        Map<String, List<Profile>> byProcessor = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(runs)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                if (file.getFileName().toString().startsWith(scenario + "_limit_")) {
                    continue;
                }
                Optional.of(Profiles.read(file)).filter(p -> p.scenario().name().equals(scenario))
                        .ifPresent(p -> byProcessor.computeIfAbsent(p.processor().name(), k -> new ArrayList<>()).add(p));
            }
        } catch (IOException e) {
            throw new EtlException("cannot read " + runs + ": " + IoErrors.describe(e), e);
        }
        if (byProcessor.isEmpty()) {
            throw new UsageException("--beside " + matrixDir + ": no run of " + scenario + " there");
        }
        return byProcessor.values().stream().map(Median::byRunTime).toList();
    }

    private static String seconds(double s) {
        return String.format("%.2f", s);
    }

    private static String cpu(double s) {
        return s < 0 ? "n/a" : String.format("%.1f", s);
    }

    private static String count(long n) {
        return n < 0 ? "n/a" : String.format("%,d", n);
    }
}
