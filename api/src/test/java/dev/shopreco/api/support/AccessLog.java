package dev.shopreco.api.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The access log lines of the API instances of this JVM (Micronaut's HTTP_ACCESS_LOGGER), while attached. */
public final class AccessLog extends AppenderBase<ILoggingEvent> {

    private final List<String> lines = new ArrayList<>();

    private AccessLog() {
    }

    /** Starts collecting. */
    public static AccessLog attach() {
        final AccessLog log = new AccessLog();
        log.start();
        logger().addAppender(log);
        return log;
    }

    /** Stops collecting. */
    public void detach() {
        logger().detachAppender(this);
        stop();
    }

    /** The lines so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    protected synchronized void append(final ILoggingEvent event) {
        lines.add(event.getFormattedMessage());
    }

    private static Logger logger() {
        return (Logger) LoggerFactory.getLogger("HTTP_ACCESS_LOGGER");
    }
}
