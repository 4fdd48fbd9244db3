package org.etlworkshop.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The platform this JVM runs on, as the workshop sees it: which of Zonky's PostgreSQL binaries it
 * needs, and the commands that install or fix a piece here. Linux distributions differ in their
 * package manager, read from {@code /etc/os-release}.
 */
public record Platform(Os os, String arch, PackageManager packages) {

    public enum Os { LINUX, MAC, WINDOWS, OTHER }

    /** How software is installed here; {@code NONE} when we cannot tell (the fix then names what to install). */
    public enum PackageManager { APT, DNF, PACMAN, ZYPPER, BREW, WINGET, NONE }

    public static Platform current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Os os = name.startsWith("linux") ? Os.LINUX : name.startsWith("mac") || name.contains("darwin") ? Os.MAC
                : name.startsWith("windows") ? Os.WINDOWS : Os.OTHER;
        PackageManager packages = switch (os) {
            case MAC -> PackageManager.BREW;
            case WINDOWS -> PackageManager.WINGET;
            case LINUX -> linuxPackageManager(Path.of("/etc/os-release"));
            case OTHER -> PackageManager.NONE;
        };
        return new Platform(os, System.getProperty("os.arch", ""), packages);
    }

    static PackageManager linuxPackageManager(Path osRelease) {
        try {
            List<String> lines = Files.readAllLines(osRelease);
            String ids = lines.stream().filter(l -> l.startsWith("ID=") || l.startsWith("ID_LIKE="))
                    .map(l -> l.substring(l.indexOf('=') + 1).replace("\"", "")).reduce("", (a, b) -> a + " " + b);
            for (String id : ids.trim().split("\\s+")) {
                switch (id) {
                    case "debian", "ubuntu" -> { return PackageManager.APT; }
                    case "fedora", "rhel", "centos" -> { return PackageManager.DNF; }
                    case "arch" -> { return PackageManager.PACMAN; }
                    case "suse", "opensuse" -> { return PackageManager.ZYPPER; }
                    default -> { }
                }
            }
        } catch (IOException e) {
            // no os-release: say what to install rather than how
        }
        return PackageManager.NONE;
    }

    /** Zonky's name for this platform's binaries ({@code postgres-<os>-<arch>.txz}), and the Maven profile's. */
    public String zonkyResource() {
        return "postgres-" + switch (os) {
            case LINUX -> "linux";
            case MAC -> "darwin";
            case WINDOWS -> "windows";
            case OTHER -> System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
        } + "-" + switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        } + ".txz";
    }

    public String describe() {
        return switch (os) {
            case LINUX -> "Linux";
            case MAC -> "macOS";
            case WINDOWS -> "Windows";
            case OTHER -> System.getProperty("os.name");
        } + " " + arch;
    }

    String installJdk() {
        return switch (packages) {
            case APT -> "sudo apt-get install openjdk-17-jdk";
            case DNF -> "sudo dnf install java-17-openjdk-devel";
            case PACMAN -> "sudo pacman -S jdk17-openjdk";
            case ZYPPER -> "sudo zypper install java-17-openjdk-devel";
            case BREW -> "brew install --cask temurin@17";
            case WINGET -> "winget install EclipseAdoptium.Temurin.17.JDK";
            case NONE -> "install a JDK 17 or newer (e.g. Eclipse Temurin from adoptium.net)";
        };
    }

    String installPsql() {
        return switch (packages) {
            case APT -> "sudo apt-get install postgresql-client";
            case DNF -> "sudo dnf install postgresql";
            case PACMAN -> "sudo pacman -S postgresql";
            case ZYPPER -> "sudo zypper install postgresql";
            case BREW -> "brew install libpq && brew link --force libpq";
            case WINGET -> "winget install PostgreSQL.PostgreSQL.17, then add C:\\Program Files\\PostgreSQL\\17\\bin to PATH";
            case NONE -> "install PostgreSQL's client tools (psql) and put psql on PATH";
        } + " (optional: etl psql has a small built-in client)";
    }

    /** The lessons' Python side in a virtual environment beside the notebooks, from {@code notebooks/requirements.txt}. */
    String installJupyter() {
        if (os == Os.WINDOWS) {
            return "py -m venv .venv && .venv\\Scripts\\pip install -r notebooks\\requirements.txt";
        }
        String python = packages == PackageManager.APT ? "sudo apt-get install python3-venv && python3" : "python3";
        return python + " -m venv .venv && .venv/bin/pip install -r notebooks/requirements.txt";
    }

    String makeWritable(Path dir) {
        return (os == Os.WINDOWS ? "icacls \"" + dir + "\" /grant \"%USERNAME%\":(OI)(CI)F" : "chmod -R u+w " + dir)
                + ", or give etl another one: --data-dir DIR";
    }

    String whoUsesPort(int port) {
        return switch (os) {
            case WINDOWS -> "netstat -ano | findstr :" + port;
            case MAC -> "lsof -nP -iTCP:" + port + " -sTCP:LISTEN";
            default -> "ss -ltnp 'sport = :" + port + "'";
        } + " shows which program holds it: stop it, or choose another port";
    }
}
