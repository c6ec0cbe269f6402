package io.cortexsync.cli;

/** An option value that cannot work; the message starts with the option's name. */
public final class InvalidOptionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String option;

    public InvalidOptionException(String option, String problem) {
        super(option + ": " + problem);
        this.option = option;
    }

    /** The option at fault, e.g. {@code --table}. */
    public String option() {
        return option;
    }
}
