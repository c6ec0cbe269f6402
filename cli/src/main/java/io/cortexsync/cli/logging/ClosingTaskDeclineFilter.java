package io.cortexsync.cli.logging;

import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;

import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;

/**
 * Drops Flink's warning, with its stack trace, about a checkpoint that a task declined because
 * it was closing. A bounded job (a migration) meets it whenever a checkpoint starts as its sources
 * finish; the next checkpoint, or the job's end, follows, and nothing is lost. Every other
 * checkpoint failure is logged as before. Used by the command line's log configuration.
 */
@Plugin(name = "ClosingTaskDeclineFilter", category = Node.CATEGORY, elementType = Filter.ELEMENT_TYPE, printObject = true)
public final class ClosingTaskDeclineFilter extends AbstractFilter {

    private ClosingTaskDeclineFilter(Result onMatch, Result onMismatch) {
        super(onMatch, onMismatch);
    }

    /** By default a matching event is dropped and any other left to the next filter. */
    @PluginFactory
    public static ClosingTaskDeclineFilter createFilter(
            @PluginAttribute("onMatch") Result onMatch, @PluginAttribute("onMismatch") Result onMismatch) {
        return new ClosingTaskDeclineFilter(
                onMatch == null ? Result.DENY : onMatch, onMismatch == null ? Result.NEUTRAL : onMismatch);
    }

    @Override
    public Result filter(LogEvent event) {
        return isClosingTaskDecline(event.getThrown()) ? onMatch : onMismatch;
    }

    static boolean isClosingTaskDecline(Throwable thrown) {
        return thrown instanceof CheckpointException
                && ((CheckpointException) thrown).getCheckpointFailureReason()
                        == CheckpointFailureReason.CHECKPOINT_DECLINED_TASK_CLOSING;
    }
}
