package io.cortexsync.cli.migrate;

import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a run of a sync resumes: the latest retained checkpoint, which Flink writes to {@code
 * <checkpoint-dir>/<sync-id>/<job-id>/chk-N/_metadata}, or savepoint, which a stop writes to {@code
 * <checkpoint-dir>/<sync-id>/savepoints/savepoint-.../_metadata}. The newest complete one (by the
 * time of its metadata, then by N) is where {@code --resume} continues. A job stopped with a
 * savepoint ends FINISHED and deletes its checkpoints, so after a stop the savepoint is the one.
 * Any Flink file system works.
 */
public final class CheckpointLocator {

    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");
    private static final Pattern SAVEPOINT = Pattern.compile("savepoint-.+");
    private static final String SAVEPOINTS = "savepoints";
    private static final String METADATA = "_metadata";

    private CheckpointLocator() {}

    /** The {@code chk-N} or savepoint directory to restore from, if any. */
    public static Optional<String> latest(String syncCheckpointUri) throws IOException {
        Path root = new Path(syncCheckpointUri);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return Optional.empty();
        }
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        long bestN = -1;
        for (FileStatus job : list(fs, root)) {
            if (!job.isDir()) {
                continue;
            }
            boolean savepoints = job.getPath().getName().equals(SAVEPOINTS);
            for (FileStatus chk : list(fs, job.getPath())) {
                Matcher m = (savepoints ? SAVEPOINT : CHECKPOINT).matcher(chk.getPath().getName());
                if (!chk.isDir() || !m.matches()) {
                    continue;
                }
                Path metadata = new Path(chk.getPath(), METADATA);
                if (!fs.exists(metadata)) {
                    continue; // an incomplete checkpoint
                }
                long time = fs.getFileStatus(metadata).getModificationTime();
                long n = savepoints ? 0 : Long.parseLong(m.group(1));
                if (time > bestTime || time == bestTime && n > bestN) {
                    best = chk.getPath();
                    bestTime = time;
                    bestN = n;
                }
            }
        }
        return Optional.ofNullable(best).map(Path::toString);
    }

    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        FileStatus[] items = fs.listStatus(dir);
        return items == null ? new FileStatus[0] : items;
    }
}
