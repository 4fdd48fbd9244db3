"""Helpers the lesson notebooks share: run ./etl, read what it writes, show the real Java source.

Every number a lesson's prose quotes comes from these calls' results, never typed by hand.
"""
import csv
import io
import json
import os
import re
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from IPython.display import Markdown, display

ROOT = Path(__file__).resolve().parent.parent
ETL = ROOT / ("etl.cmd" if os.name == "nt" else "etl")  # the launcher of this platform
SOLUTIONS = os.environ.get("WORKSHOP_SOLUTIONS") == "1"  # CI checks every exercise against its solution
_work = Path(tempfile.mkdtemp(prefix="workshop-"))


def etl(*args, check=True):
    """Runs ./etl with these arguments from the repository's root and shows all it printed: what it said while
    working (standard error, without its progress counters), then its result (standard output, in full)."""
    result = _run_etl(args, check)
    said = [line for line in result.stderr.splitlines() if not _PROGRESS.search(line)]
    print("\n".join(said + result.stdout.splitlines()).strip())


# a progress counter rewritten in place ("\r") or a "so far" line: not a result, and many of them
_PROGRESS = re.compile(r"\r|so far")


def _run_etl(args, check, classes=None):
    env = dict(os.environ, ETL_JAVA_OPTS=f"-Detl.loader.classes={classes}") if classes else None
    result = subprocess.run([str(ETL), *map(str, args)], cwd=ROOT, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise RuntimeError(f"./etl {' '.join(map(str, args))} exited {result.returncode}:\n"
                           f"{(result.stdout + result.stderr).strip()[-2000:]}")
    return result


def etl_output(*args, check=True, classes=None):
    """Runs ./etl with these arguments from the repository's root; returns what it printed (both streams).
    `classes`: a directory of compiled classes (see javac) where a catalog's `"loader": "class:NAME"` is found."""
    result = _run_etl(args, check, classes)
    return (result.stdout + result.stderr).strip()


def process(scenario, processor, *options, show=False, classes=None):
    """etl process, returning its profile (a dict, as profiles/*.json holds it), with what the command printed
    under "printed" (its first lines name the settings the run used, e.g. jdbc={reWriteBatchedInserts=true})."""
    out = _work / f"{scenario}_{processor}_{len(list(_work.iterdir()))}.json"
    text = etl_output("process", scenario, processor, "--profile-out", out, *options, classes=classes)
    if show:
        print(text)
    return dict(json.loads(out.read_text()), printed=text)


def sql(scenario, query):
    """The rows of a query on the scenario's last run database (its generated data if never processed), as dicts."""
    text = subprocess.run([str(ETL), "export", scenario, "--query", query, "--to", "-"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    return list(csv.DictReader(io.StringIO(text)))


def profiles(directory):
    """Every profile in a directory (e.g. a committed reference matrix's runs/), by processor and round."""
    found = {}
    for path in sorted(Path(directory).glob("*.json")):
        if "_limit_" in path.name:
            continue
        p = json.loads(path.read_text())
        found.setdefault(p["processor"]["name"], []).append(p)
    return found


def median(profiles_of_one):
    """The round in the middle by run time: how the matrix reports pick theirs."""
    ordered = sorted(profiles_of_one, key=lambda p: p["phases"]["runSeconds"])
    return ordered[(len(ordered) - 1) // 2]


def java(relative_path, member=None, javadoc_only=False):
    """Shows a class of src/main/java, or one member of it (the block starting at the first line containing
    `member`, with its Javadoc), straight from the file, so the lesson shows the code that runs."""
    path = ROOT / "src/main/java/org/etlworkshop" / relative_path
    lines = path.read_text().splitlines()
    if member is None:
        text = "\n".join(lines)
    else:
        signature = next(i for i, line in enumerate(lines) if member in line)
        start = signature
        while start > 0 and (lines[start - 1].strip().startswith(("*", "/**", "@")) or lines[start - 1].strip() == "*/"):
            start -= 1
        end = signature
        if not javadoc_only:
            depth = 0
            for end in range(signature, len(lines)):
                depth += lines[end].count("{") - lines[end].count("}")
                if depth == 0 and "{" in "".join(lines[signature:end + 1]):
                    break
        text = "\n".join(lines[start:end + 1])
    display(Markdown(f"`src/main/java/org/etlworkshop/{relative_path}`\n```java\n{text}\n```"))


def javac(*sources):
    """Compiles Java sources (an exercise's) against the tool's jar into a scratch directory, and returns that
    directory: nothing is written under src/, and the tool is not rebuilt."""
    etl_output("list")  # builds the jar first if it is missing or older than the sources
    kit = ROOT / "app/etl-workshop.jar"
    if kit.exists():
        jar = kit
    else:
        jar = ROOT / "target/builds" / (ROOT / "target/builds/current").read_text().strip() / "etl-workshop.jar"
    classes = Path(tempfile.mkdtemp(prefix="classes-", dir=_work))
    home = os.environ.get("JAVA_HOME")
    compiler = str(Path(home) / "bin" / "javac") if home else "javac"
    result = subprocess.run([compiler, "-d", str(classes), "-cp", os.pathsep.join([str(jar), str(jar.parent / "lib" / "*")]),
                             *map(str, sources)], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("javac failed:\n" + (result.stdout + result.stderr)[-3000:])
    return classes


def md(text):
    display(Markdown(text))


def mib(n):
    return n / 2 ** 20


def check(condition, what):
    """An exercise's check, inside `with exercise(...)`: says "solved" when it holds, fails when it does not."""
    if not condition:
        raise AssertionError(what)
    print("\u2713 solved: " + what)


@contextmanager
def exercise(task):
    """Wraps a check cell. Against the untouched exercises/ a failed check (or an attempt that errors) prints
    "not solved yet: ..." and the notebook goes on; with WORKSHOP_SOLUTIONS=1 it fails the cell, and CI with it."""
    try:
        yield
    except Exception as failure:
        if SOLUTIONS:
            raise AssertionError(f"the trainer's solution fails its check: {task}: {failure}") from failure
        reason = str(failure).strip().splitlines()
        print(f"not solved yet: {task}" + (f" ({reason[-1][:300]})" if reason else ""))


def exercise_file(name):
    """Your file in notebooks/exercises/, or the trainer's in notebooks/solutions/ when checking the solutions."""
    return Path(__file__).resolve().parent / ("solutions" if SOLUTIONS else "exercises") / name


def heap_chart(runs, title, ax=None, in_use=True):
    """Heap in use (thin lines) and live heap after each GC (dots) over time, one colour per run; with
    in_use=False the live heap alone, its dots joined: what a run holds, without the sawtooth of garbage."""
    import matplotlib.pyplot as plt
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 4.5))
    for i, (name, p) in enumerate(runs.items()):
        samples = p["memory"]["heapSamples"]
        if samples and in_use:
            ax.plot([t / 1000 for t, _ in samples], [mib(b) for _, b in samples], color=f"C{i}", linewidth=0.8, label=name)
        live = p["memory"]["liveHeapAfterGc"]
        if live:
            ax.plot([t / 1000 for t, _ in live], [mib(b) for _, b in live], "o" if in_use else "o-", color=f"C{i}",
                    markersize=3, linewidth=1, label=None if in_use else name)
    ax.set_xlabel("seconds since the run started")
    ax.set_ylabel("MiB")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend()
    return ax


def mariadb_start():
    """Starts the private MariaDB (./etl mariadb start, kept in .etl-mariadb) and returns its JDBC URL."""
    result = subprocess.run([str(ETL), "mariadb", "start"], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError("./etl mariadb start exited " + str(result.returncode) + ":\n" + result.stderr)
    print(result.stderr.strip())
    return result.stdout.strip()  # the URL alone is on standard output


def mariadb(sql):
    """Runs SQL on the private MariaDB's `etl` database with the mariadb client; returns its tab-separated output."""
    port = (ROOT / ".etl-mariadb" / "port").read_text().strip()
    result = subprocess.run(["mariadb", "--no-defaults", "--default-character-set=utf8mb4", "-h", "127.0.0.1", "-P", port,
                             "-u", "root", "etl", "-e", sql],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return result.stdout


class held_postgres:
    """The embedded PostgreSQL kept running (an `etl psql SCENARIO` session that sleeps), for tools that connect
    to it themselves, such as pgloader: `with held_postgres("small") as port: ...`."""

    def __init__(self, scenario):
        self.scenario = scenario

    def __enter__(self):
        import time
        self.log = _work / f"hold-{self.scenario}.log"
        self.process = subprocess.Popen([str(ETL), "psql", self.scenario, "-c", "select pg_sleep(900)"], cwd=ROOT,
                                        stdout=open(self.log, "w"), stderr=subprocess.STDOUT, start_new_session=True)
        for _ in range(300):
            found = re.search(r"port (\d+)\)", self.log.read_text())
            if found:
                time.sleep(1)
                return int(found.group(1))
            time.sleep(0.2)
        raise RuntimeError("the embedded server did not start: " + self.log.read_text())

    def __exit__(self, *exc):
        import signal
        os.killpg(self.process.pid, signal.SIGTERM)  # its own process group: the etl JVM and the psql it runs
        self.process.wait()


class latency_proxy:
    """A TCP proxy on loopback that holds each message from the client `delay_ms` before passing it on to the server
    at `port`: the round trip a network adds, which localhost lacks (about a millisecond between two machines of one
    data centre). `with latency_proxy(port, 1) as network:` then `--url` to `network.port`; afterwards `network.held`
    counts the messages it held and `network.waited` the seconds they waited, whatever else the machine was doing."""

    def __init__(self, port, delay_ms=1.0):
        self.server_port, self.delay = port, delay_ms / 1000
        self.held, self.waited = 0, 0.0

    def __enter__(self):
        import socket
        import threading
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.listener.close()

    def _accept(self):
        import socket
        import threading
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(("127.0.0.1", self.server_port))
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False), daemon=True).start()

    def _pipe(self, source, target, delayed):
        import time
        try:
            while data := source.recv(65536):
                if delayed:
                    start = time.monotonic()
                    time.sleep(self.delay)
                    self.held += 1
                    self.waited += time.monotonic() - start
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.close()
                except OSError:
                    pass
