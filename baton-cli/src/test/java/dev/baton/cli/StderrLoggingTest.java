package dev.baton.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class StderrLoggingTest {

    @Test
    void the_cli_logs_to_stderr_at_warn_unless_the_variable_names_a_level() {
        assertThat(StderrLogging.level(null)).isEqualTo(Level.WARN);
        assertThat(StderrLogging.level(" debug ")).isEqualTo(Level.DEBUG);
        assertThat(StderrLogging.level("nonsense")).isEqualTo(Level.WARN);

        LoggerContext context = new LoggerContext();
        StderrLogging logging = new StderrLogging();
        logging.setContext(context);
        logging.configure(context);

        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(appender.isStarted()).isTrue();
    }

    @Test
    void logback_finds_the_configuration_through_the_service_loader() {
        // the process-wide context was configured by StderrLogging, not by logback's defaults (stdout, DEBUG)
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget()).isEqualTo("System.err");
    }
}
