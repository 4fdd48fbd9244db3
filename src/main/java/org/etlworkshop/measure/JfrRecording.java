package org.etlworkshop.measure;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.etlworkshop.EtlException;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * A JDK Flight Recorder recording of the measured run, with the JDK's "profile" settings (method
 * samples, allocation samples, GC, locks, JDBC socket I/O). Open it in JDK Mission Control, or
 * {@code jfr print --events jdk.ObjectAllocationSample file.jfr}.
 */
public final class JfrRecording implements RunRecording {
    private final Recording recording;

    private JfrRecording(Recording recording) {
        this.recording = recording;
    }

    public static JfrRecording start() {
        try {
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("etl run");
            recording.start();
            return new JfrRecording(recording);
        } catch (IOException | ParseException e) {
            throw new EtlException("cannot start a JFR recording: " + e.getMessage(), e);
        }
    }

    @Override
    public String stopAndWrite(Path file) {
        recording.stop();
        try {
            recording.dump(file);
            return "JFR recording: " + file;
        } catch (IOException e) {
            return "JFR recording could not be written to " + file + ": " + e.getMessage();
        } finally {
            recording.close();
        }
    }
}
