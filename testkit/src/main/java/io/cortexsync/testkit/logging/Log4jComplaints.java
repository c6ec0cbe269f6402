package io.cortexsync.testkit.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What log4j itself reports (its status logger's warnings and errors) while it is open: how a test
 * sees that a log configuration has a problem log4j would only print, such as a plugin it cannot find.
 */
public final class Log4jComplaints implements AutoCloseable {

    private final List<String> complaints = new CopyOnWriteArrayList<>();

    /** Its own object: the status logger calls a listener's close() when removing it. */
    private final StatusListener listener = new StatusListener() {
        @Override
        public void log(StatusData data) {
            complaints.add(data.getFormattedStatus());
        }

        @Override
        public Level getStatusLevel() {
            return Level.WARN;
        }

        @Override
        public void close() {}
    };

    private Log4jComplaints() {}

    /** Starts listening; close it to stop. */
    public static Log4jComplaints listen() {
        Log4jComplaints complaints = new Log4jComplaints();
        StatusLogger.getLogger().registerListener(complaints.listener);
        return complaints;
    }

    /** log4j's warnings and errors so far, formatted as it prints them. */
    public List<String> complaints() {
        return List.copyOf(complaints);
    }

    @Override
    public void close() {
        StatusLogger.getLogger().removeListener(listener);
    }
}
