package io.cortexsync.cli.cluster;

import io.cortexsync.cli.cluster.testjob.CountingJob;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Packs the compiled test job ({@link CountingJob}'s package) into a jar a cluster can run. */
final class TestJobJar {

    private TestJobJar() {}

    static Path write(Path dir) throws IOException, URISyntaxException {
        Path classes = Path.of(CountingJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = CountingJob.class.getPackageName().replace('.', '/');
        Path jar = dir.resolve("counting-job.jar");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes.resolve(packagePath))) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Path file : files) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
