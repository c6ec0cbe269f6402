package io.cortexsync.jobs.events;

import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.server.policy.CreateTopicPolicy;

import java.util.Map;

/** A broker's create-topic policy, as an operator may set one, that refuses topics named {@code refused-*}. */
public final class RefusingTopicPolicy implements CreateTopicPolicy {

    static final String REFUSED_PREFIX = "refused-";

    @Override
    public void validate(RequestMetadata request) throws PolicyViolationException {
        if (request.topic().startsWith(REFUSED_PREFIX)) {
            throw new PolicyViolationException("topics named " + REFUSED_PREFIX + "* are created by the platform team");
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public void close() {}
}
