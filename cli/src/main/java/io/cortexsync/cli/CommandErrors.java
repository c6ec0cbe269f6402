package io.cortexsync.cli;

import java.io.PrintStream;
import java.util.regex.Pattern;

/**
 * A failure a command expected (a wrong option, a store or cluster that cannot be used), as users
 * read it: one line on standard error that starts with the command, so that a script's log names
 * what failed and a message from a server or a nested cause cannot spill over several lines.
 */
public final class CommandErrors {

    private static final Pattern LINE_BREAK = Pattern.compile("\\s*\\R\\s*");

    private CommandErrors() {}

    /** Prints {@code "<command>: <the failure's message on one line>"}, e.g. {@code cortex-sync migrate: --table: ...}. */
    public static void print(PrintStream err, String command, Throwable failure) {
        err.println(command + ": " + oneLine(failure));
    }

    /** The failure's message on one line, or its type's name when it has none. */
    public static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : oneLine(message);
    }

    /** {@code message} on one line: each line break, with the spaces around it, becomes one space. */
    public static String oneLine(String message) {
        return LINE_BREAK.matcher(message).replaceAll(" ").trim();
    }
}
