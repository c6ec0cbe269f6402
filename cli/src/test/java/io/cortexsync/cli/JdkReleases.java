package io.cortexsync.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The JDKs installed beside the one running the tests, told apart by their {@code release} files. */
final class JdkReleases {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private JdkReleases() {}

    /** A JDK of feature release {@code minimum} or later in the directory that holds this one, if any. */
    static Optional<Path> besideThisOne(int minimum) throws IOException {
        Path thisOne = Path.of(System.getProperty("java.home")).toRealPath();
        try (Stream<Path> homes = Files.list(thisOne.getParent())) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> feature(home) >= minimum)
                    .sorted(Comparator.comparing(Path::toString))
                    .findFirst();
        }
    }

    /** The feature release a JDK's {@code release} file names; 0 when it has none. */
    static int feature(Path home) {
        try {
            Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
