package io.cortexsync.jobs.events;

/**
 * A Kafka topic the job needs is missing and may not be created, or the brokers cannot be asked.
 * The message is one line naming the topic (or the brokers' option) and what to do; it never
 * carries a secret client setting.
 */
public final class KafkaTopicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KafkaTopicException(String message) {
        super(message);
    }

    KafkaTopicException(String message, Throwable cause) {
        super(message, cause);
    }
}
