package io.cortexsync.cli.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Renders {@code cortex-sync status}: a table for people, JSON for scripts. */
public final class StatusTable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "-";
    private static final String[] HEADER = {"JOB ID", "NAME", "STATE", "UPTIME", "CHECKPOINT", "LAG"};

    private StatusTable() {}

    /** One line per job under a header, columns padded to their widest cell. */
    public static String table(List<JobStatusLine> jobs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JobStatusLine job : jobs) {
            rows.add(new String[] {
                job.id(),
                job.name(),
                job.state().name(),
                duration(job.uptimeMs()),
                job.lastCheckpointId().isPresent()
                        ? "#" + job.lastCheckpointId().getAsLong() + " " + duration(job.lastCheckpointAgeMs().orElse(0)) + " ago"
                        : NONE,
                job.lagMs().isPresent() ? duration(job.lagMs().getAsLong()) : NONE
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /**
     * The same as a JSON array, times in milliseconds: {@code id}, {@code name}, {@code state},
     * {@code uptimeMs}, {@code lastCheckpoint} ({@code id}, {@code ageMs}; null when none) and
     * {@code lagMs} (null when the job reports none).
     */
    public static String json(List<JobStatusLine> jobs) {
        ArrayNode array = JSON.createArrayNode();
        for (JobStatusLine job : jobs) {
            ObjectNode node = array.addObject();
            node.put("id", job.id());
            node.put("name", job.name());
            node.put("state", job.state().name());
            node.put("uptimeMs", job.uptimeMs());
            if (job.lastCheckpointId().isPresent()) {
                ObjectNode checkpoint = node.putObject("lastCheckpoint");
                checkpoint.put("id", job.lastCheckpointId().getAsLong());
                checkpoint.put("ageMs", job.lastCheckpointAgeMs().orElse(0));
            } else {
                node.putNull("lastCheckpoint");
            }
            putOrNull(node, "lagMs", job.lagMs());
        }
        return array.toPrettyString();
    }

    /** A duration as people read it: {@code 850ms}, {@code 42s}, {@code 3m 07s}, {@code 2h 05m}, {@code 3d 04h}. */
    public static String duration(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%dh %02dm", s / 3600, s % 3600 / 60);
        }
        return String.format("%dd %02dh", s / 86_400, s % 86_400 / 3600);
    }

    private static void putOrNull(ObjectNode node, String field, OptionalLong value) {
        if (value.isPresent()) {
            node.put(field, value.getAsLong());
        } else {
            node.putNull(field);
        }
    }
}
