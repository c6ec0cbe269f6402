package io.cortexsync.connector.common.log;

import org.apache.flink.annotation.Internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;

/**
 * WARN lines about bad records that a flood of them cannot drown the log with: at most
 * {@link #LINES_PER_MINUTE} lines a minute, then one line counting those left out (a sink's
 * metrics count them all). Reasons are cut short, since a server message may quote the record.
 *
 * <p>Serializable so that a sink's default outcome listener can hold one; the window starts anew
 * on each task manager.
 */
@Internal
public final class RateLimitedLog implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int LINES_PER_MINUTE = 100;
    public static final int MAX_REASON_CHARS = 500;
    private static final long MINUTE_MS = 60_000;

    private final String loggerName;
    private final String leftOutFormat;

    private transient Logger log;
    private transient long windowStartMs;
    private transient boolean windowOpen;
    private transient int linesInWindow;
    private transient long leftOut;

    /**
     * Logs to the logger of {@code owner}; {@code leftOutFormat} is the line that counts the
     * lines left out in a minute, with one {@code {}} for the count.
     */
    public RateLimitedLog(Class<?> owner, String leftOutFormat) {
        this.loggerName = owner.getName();
        this.leftOutFormat = leftOutFormat;
    }

    /** A WARN line, unless this minute's lines are used up. */
    public synchronized void warn(String format, Object... arguments) {
        long now = System.currentTimeMillis();
        if (!windowOpen || now - windowStartMs >= MINUTE_MS) {
            if (leftOut > 0) {
                logger().warn(leftOutFormat, leftOut);
            }
            windowOpen = true;
            windowStartMs = now;
            linesInWindow = 0;
            leftOut = 0;
        }
        if (linesInWindow++ < LINES_PER_MINUTE) {
            logger().warn(format, arguments);
        } else {
            leftOut++;
        }
    }

    /** The logger this writes to, for lines below WARN that need no limit. */
    public Logger logger() {
        if (log == null) {
            log = LoggerFactory.getLogger(loggerName);
        }
        return log;
    }

    /** {@code reason} cut to {@link #MAX_REASON_CHARS}, saying how long it was. */
    public static String abbreviate(String reason) {
        if (reason == null || reason.length() <= MAX_REASON_CHARS) {
            return reason;
        }
        return reason.substring(0, MAX_REASON_CHARS) + "... (" + reason.length() + " characters)";
    }
}
