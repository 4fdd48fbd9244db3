package org.etlworkshop.measure;

import java.nio.file.Path;

/** Something recorded alongside a run (a JFR file, a flame graph), started and stopped around the measured run. */
public interface RunRecording {

    /** Stops and writes the recording; returns what to tell the user (the file, or why there is none). */
    String stopAndWrite(Path file);
}
