package dev.baton.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

import java.util.Locale;

/**
 * The CLI's logging set-up: everything to stderr (stdout carries data, and the MCP stdio
 * transport), at {@code WARN} unless {@code BATON_LOG_LEVEL} names another level. Done in code and
 * found by logback through {@link java.util.ServiceLoader}, because configuring from an XML file
 * cost a fresh process about 40 ms of start-up.
 */
public final class StderrLogging extends ContextAwareBase implements Configurator {

    static final String LEVEL_VARIABLE = "BATON_LOG_LEVEL";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getenv(LEVEL_VARIABLE)));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The level {@code name} names (case-insensitive), WARN when unset or unknown. */
    static Level level(String name) {
        return name == null || name.isBlank() ? Level.WARN : Level.toLevel(name.strip().toUpperCase(Locale.ROOT), Level.WARN);
    }
}
