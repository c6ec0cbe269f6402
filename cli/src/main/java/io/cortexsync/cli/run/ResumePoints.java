package io.cortexsync.cli.run;

import io.cortexsync.jobs.common.JobEnvironment;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a run of a sync resumes. Under one sync's checkpoint URI ({@code <checkpoint-dir>/<sync-id>})
 * Flink keeps the retained checkpoints of each of its jobs, {@code <job-id>/chk-N/_metadata}, and a
 * stop writes savepoints to {@code savepoints/savepoint-.../_metadata} (the job's savepoint directory,
 * see {@link JobEnvironment#withSavepointDirectory}). The newest complete one, by the time its
 * metadata was written, is where {@code --resume} continues: a job stopped with a savepoint ends
 * FINISHED and deletes its checkpoints, a cancelled or failed one keeps them. A directory without
 * {@code _metadata} is a checkpoint or savepoint that never completed and is passed over. Any Flink
 * file system works.
 */
public final class ResumePoints {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");
    private static final Pattern SAVEPOINT = Pattern.compile("savepoint-.+");
    private static final String METADATA = "_metadata";

    /**
     * Newest metadata first. On equal times a higher checkpoint id wins, and a savepoint beats a
     * checkpoint: a stop's savepoint is taken after the job's last checkpoint.
     */
    private static final Comparator<ResumePoint> NEWEST_FIRST = Comparator
            .comparingLong(ResumePoint::writtenAtMillis)
            .thenComparing(ResumePoint::kind)
            .thenComparingLong(ResumePoint::checkpointId)
            .reversed();

    private ResumePoints() {}

    /**
     * Where a run of the sync starts, saying so on {@code out}: with {@code resume} the latest
     * checkpoint or savepoint (or, when there is none, {@code freshStart}); without, a fresh start.
     */
    public static Optional<String> forRun(boolean resume, String syncCheckpointUri, PrintStream out, String freshStart)
            throws IOException {
        if (!resume) {
            return Optional.empty();
        }
        Optional<String> latest = latest(syncCheckpointUri).map(ResumePoint::path);
        if (latest.isPresent()) {
            out.println("resuming from " + latest.get());
        } else {
            out.println("--resume: no savepoint or retained checkpoint under " + syncCheckpointUri + "; " + freshStart);
        }
        return latest;
    }

    /** The state to restore a run of the sync whose checkpoints go to {@code syncCheckpointUri} from, if any. */
    public static Optional<ResumePoint> latest(String syncCheckpointUri) throws IOException {
        return all(syncCheckpointUri).stream().findFirst();
    }

    /** Every complete checkpoint and savepoint of the sync, newest first. */
    public static List<ResumePoint> all(String syncCheckpointUri) throws IOException {
        Path root = new Path(syncCheckpointUri);
        FileSystem fs = root.getFileSystem();
        List<ResumePoint> found = new ArrayList<>();
        if (!fs.exists(root)) {
            return found;
        }
        for (FileStatus dir : list(fs, root)) {
            if (!dir.isDir()) {
                continue;
            }
            boolean savepoints = dir.getPath().getName().equals(JobEnvironment.SAVEPOINTS);
            for (FileStatus state : list(fs, dir.getPath())) {
                Matcher name = (savepoints ? SAVEPOINT : CHECKPOINT).matcher(state.getPath().getName());
                if (!state.isDir() || !name.matches()) {
                    continue;
                }
                Path metadata = new Path(state.getPath(), METADATA);
                if (!fs.exists(metadata)) {
                    continue; // never completed
                }
                long writtenAt = fs.getFileStatus(metadata).getModificationTime();
                found.add(savepoints
                        ? new ResumePoint(state.getPath().toString(), ResumePoint.Kind.SAVEPOINT, writtenAt, -1)
                        : new ResumePoint(state.getPath().toString(), ResumePoint.Kind.CHECKPOINT, writtenAt,
                                Long.parseLong(name.group(1))));
            }
        }
        found.sort(NEWEST_FIRST);
        return found;
    }

    /** The savepoint directory of the sync whose checkpoints go to {@code syncCheckpointUri}. */
    public static String savepointDirectory(String syncCheckpointUri) {
        return JobEnvironment.savepointDirectory(syncCheckpointUri);
    }

    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] items = fs.listStatus(dir);
        return items == null ? new FileStatus[0] : items;
    }
}
