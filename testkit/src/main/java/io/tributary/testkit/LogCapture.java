package io.tributary.testkit;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Everything logged in this JVM while open — the embedded workers and the plugins they load included — as
 * text: each message, and each exception's full stack trace with causes and suppressed exceptions. For
 * asserting what an operator would (not) see in the worker log, e.g. that a secret never appears.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start(Map.of("org.apache.kafka.connect", Level.INFO))) {
 *     ...
 *     assertThat(logs.text()).doesNotContain(secret);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final StringBuffer text = new StringBuffer();
    private final LoggerContext context;
    private final AbstractAppender appender;
    private final Map<String, Level> previousLevels = new HashMap<>();

    private LogCapture(Map<String, Level> levels) {
        context = (LoggerContext) LogManager.getContext(false);
        appender = new AbstractAppender("tributary-log-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ')
                        .append(event.getLoggerName()).append(" - ")
                        .append(event.getMessage().getFormattedMessage()).append('\n');
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    line.append(trace);
                }
                text.append(line);
            }
        };
        appender.start();
        levels.forEach((logger, level) -> {
            previousLevels.put(logger, context.getConfiguration().getLoggerConfig(logger).getLevel());
            Configurator.setLevel(logger, level);
        });
        rootConfig().addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** Captures what the test log configuration lets through. */
    public static LogCapture start() {
        return new LogCapture(Map.of());
    }

    /** Captures with the given loggers (names or prefixes) lowered or raised to a level while open. */
    public static LogCapture start(Map<String, Level> levels) {
        return new LogCapture(levels);
    }

    /** All captured so far. */
    public String text() {
        return text.toString();
    }

    @Override
    public void close() {
        rootConfig().removeAppender(appender.getName());
        previousLevels.forEach(Configurator::setLevel);
        context.updateLoggers();
        appender.stop();
    }

    private LoggerConfig rootConfig() {
        return context.getConfiguration().getRootLogger();
    }
}
