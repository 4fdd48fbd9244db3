package org.etlworkshop.setup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Python with what the lessons need (optional: etl runs without it). Looked for where docs/teaching.md
 * puts it, the {@code .venv} beside the notebooks' folder, then on the PATH, then Debian's own
 * {@code /usr/bin/python3}; the modules are only located, not imported, so the check stays quick.
 */
final class JupyterCheck {
    /** The modules of the packages pinned in {@code notebooks/requirements.txt}. */
    static final List<String> MODULES = List.of("matplotlib", "IPython", "ipykernel", "nbclient", "nbconvert", "notebook");

    private static final String FIND_MODULES = "import importlib.util, sys; "
            + "print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))";

    private JupyterCheck() {
    }

    static Finding run(Platform platform, Path home) {
        String best = null;
        for (Path python : candidates(platform, home)) {
            String missing;
            try {
                missing = missingModules(python);
            } catch (IOException e) {
                continue; // not a Python that runs
            }
            if (missing.isEmpty()) {
                return Finding.ok("Jupyter", false, python + " has the lessons' packages (" + String.join(", ", MODULES) + ")");
            }
            if (best == null) {
                best = python + " lacks " + missing.replace(" ", ", ");
            }
        }
        return Finding.missing("Jupyter", false, best != null ? best : "no Python found", platform.installJupyter());
    }

    static Set<Path> candidates(Platform platform, Path home) {
        boolean windows = platform.os() == Platform.Os.WINDOWS;
        Set<Path> found = new LinkedHashSet<>();
        found.add(home.resolve(windows ? ".venv/Scripts/python.exe" : ".venv/bin/python"));
        String path = System.getenv("PATH");
        List<String> names = windows ? List.of("python.exe", "py.exe") : List.of("python3", "python");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            for (String name : names) {
                found.add(Path.of(dir, name));
            }
        }
        found.add(Path.of("/usr/bin/python3"));
        found.removeIf(p -> !Files.isRegularFile(p) || !Files.isExecutable(p));
        return found;
    }

    private static String missingModules(Path python) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", FIND_MODULES));
        command.addAll(MODULES);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(python + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return Arrays.stream(out.split("\\s+")).filter(s -> !s.isEmpty()).reduce((a, b) -> a + " " + b).orElse("");
    }
}
