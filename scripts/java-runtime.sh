# Sourced by scripts/cortex-sync and scripts/local-cluster.sh: the JVM they start, found as Flink's
# own scripts find it ($JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH).

# Sets java_bin (what to run), java_path (the resolved binary), java_feature (the JDK's feature
# release from its release file; 0 when unknown) and java_release_opts (what that release needs).
# Without a JVM it says so on stderr, after the prefix $1, and returns 1.
find_java() {
    java_bin=java
    [ -n "${JAVA_HOME:-}" ] && java_bin="$JAVA_HOME/bin/java"
    if ! java_path=$(command -v "$java_bin" 2>/dev/null); then
        echo "$1: no Java found: set JAVA_HOME to a JDK (17 or later) or put java on the PATH${JAVA_HOME:+ (JAVA_HOME=$JAVA_HOME has no bin/java)}" >&2
        return 1
    fi
    java_path=$(readlink -f "$java_path")
    # read with the shell's own commands: each program started costs milliseconds on a slow host
    java_feature=0
    local line version_line='^JAVA_VERSION="([0-9]+)'
    if [ -r "${java_path%/bin/java}/release" ]; then
        while IFS= read -r line || [ -n "$line" ]; do
            if [[ "$line" =~ $version_line ]]; then
                java_feature=${BASH_REMATCH[1]}
                break
            fi
        done < "${java_path%/bin/java}/release"
    fi
    java_release_opts=()
    # Java 24 and later warn on every start that Netty (in gRPC and Flink) uses sun.misc.Unsafe and
    # loads a native library: both are what it is built to do on these releases.
    if [ "$java_feature" -ge 24 ]; then
        java_release_opts=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
    fi
}
