package io.cortexsync.testkit.logging;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JUnit extension that captures what one logger writes during each test, so a test can check
 * what a user would see in the log ({@code @RegisterExtension LogCapture log = LogCapture.of(X.class)}).
 * The logger is set to {@code WARN}: what the default configuration shows.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {

    private final String loggerName;
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    private LogCapture(String loggerName) {
        this.loggerName = loggerName;
    }

    /** Captures the logger named after {@code type}. */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type.getName());
    }

    /** The events logged since the test began, in order. */
    public List<LogEvent> events() {
        return events;
    }

    /** The formatted messages of {@link #events()}. */
    public List<String> messages() {
        return events.stream().map(event -> event.getMessage().getFormattedMessage()).toList();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        events.clear();
        appender = new AbstractAppender("captured-" + loggerName, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                events.add(event.toImmutable());
            }
        };
        appender.start();
        // the logger's own configuration, attached to the context's current configuration and
        // applied to every logger now: an appender added to a logger alone can be lost when the
        // context first completes its configuration
        LoggerContext ctx = context();
        Configuration config = ctx.getConfiguration();
        LoggerConfig own = config.getLoggerConfig(loggerName);
        if (!own.getName().equals(loggerName)) {
            own = new LoggerConfig(loggerName, Level.WARN, true);
            config.addLogger(loggerName, own);
        }
        own.setLevel(Level.WARN);
        own.addAppender(appender, null, null);
        ctx.updateLoggers();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoggerContext ctx = context();
        ctx.getConfiguration().getLoggerConfig(loggerName).removeAppender(appender.getName());
        ctx.updateLoggers();
        appender.stop();
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }
}
