#!/usr/bin/env bash
# A real Flink 2.2 session cluster on this machine: one JobManager and two TaskManagers, each
# its own JVM, started from the Maven jars with flink-conf/config.yaml. Dashboard on 8081.
#
#   scripts/local-cluster.sh start     start the three processes; returns once 2 TaskManagers
#                                      (4 slots) are registered
#   scripts/local-cluster.sh stop      stop them and wait until they are gone
#   scripts/local-cluster.sh status    which processes run, and the cluster's overview
#   scripts/local-cluster.sh restart-taskmanager NAME   start a killed TaskManager again
#   scripts/local-cluster.sh restart-jobmanager         start a killed JobManager again; the
#                                      TaskManagers register with it (it knows no jobs)
#
# Environment (defaults in brackets):
#   CORTEX_SYNC_CLUSTER_DIR        run directory: conf, logs, pid files, checkpoints, uploads
#                                  [${TMPDIR:-/tmp}/cortex-sync/local-cluster]
#   CORTEX_SYNC_REST_PORT          dashboard and REST API port [8081]
#   CORTEX_SYNC_RPC_PORT           JobManager RPC port [6123]
#   CORTEX_SYNC_CLUSTER_PROPERTIES more Flink settings, space separated key=value pairs,
#                                  e.g. "heartbeat.interval=1000 heartbeat.timeout=8000"
#   CORTEX_SYNC_CLUSTER_TIMEOUT    seconds `start` and `stop` wait [90]
#   CORTEX_SYNC_CDS                off: no class-data archives for the cluster's JVMs [on]
#   JAVA_HOME                      the JDK the processes run on [the java on the PATH]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

run_dir="${CORTEX_SYNC_CLUSTER_DIR:-${TMPDIR:-/tmp}/cortex-sync/local-cluster}"
rest_port="${CORTEX_SYNC_REST_PORT:-8081}"
rpc_port="${CORTEX_SYNC_RPC_PORT:-6123}"
timeout="${CORTEX_SYNC_CLUSTER_TIMEOUT:-90}"
taskmanagers=(taskmanager-1 taskmanager-2)
rest_url="http://127.0.0.1:$rest_port"

log() { echo "local-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

pid_of() {
    local file="$run_dir/$1.pid"
    [ -f "$file" ] && kill -0 "$(cat "$file")" 2>/dev/null && cat "$file"
}

# The class path of flink-dist's lib/ directory, resolved by Maven from scripts/cluster/pom.xml.
classpath_file="$root/scripts/cluster/target/classpath.txt"
classpath() {
    local file="$classpath_file"
    if [ ! -s "$file" ] || [ "$root/scripts/cluster/pom.xml" -nt "$file" ] || [ "$root/pom.xml" -nt "$file" ]; then
        log "resolving the Flink jars with Maven ..."
        # written aside and renamed: another cluster starting meanwhile reads a whole file
        (cd "$root" && mvn -B -q -ntp -f scripts/cluster/pom.xml dependency:build-classpath \
            -DincludeScope=runtime -Dmdep.outputFile="target/classpath.txt.$$" -Dstyle.color=never) >&2
        mv "$file.$$" "$file"
    fi
    cat "$file"
}

# shellcheck source=scripts/java-runtime.sh
. "$root/scripts/java-runtime.sh"
find_java local-cluster || exit 1

# Flink's own JVM options for Java 17 (env.java.opts.all of the distribution's config.yaml).
java_opens=(
    -XX:+IgnoreUnrecognizedVMOptions
    --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
    --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
    --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
    ${java_release_opts[@]+"${java_release_opts[@]}"}
)

# Settings given to every process on top of config.yaml: this run's ports and directories.
dynamic_properties() {
    local props=(
        "rest.port=$rest_port"
        "jobmanager.rpc.port=$rpc_port"
        "io.tmp.dirs=$run_dir/tmp"
        "web.upload.dir=$run_dir/web-upload"
        "execution.checkpointing.dir=file://$run_dir/checkpoints"
        "execution.checkpointing.savepoint-dir=file://$run_dir/savepoints"
        # every TaskManager runs tasks, so that losing one loses running work
        "cluster.evenly-spread-out-slots=true"
        # a TaskManager that asks before the JobManager answers (they start together), or while a
        # restarted one comes up, asks again after 1 s instead of 10 s
        "cluster.registration.error-delay=1s"
    )
    # shellcheck disable=SC2206
    props+=(${CORTEX_SYNC_CLUSTER_PROPERTIES:-})
    local p
    for p in "${props[@]}"; do printf -- '-D\n%s\n' "$p"; done
}

# BashJavaUtils derives the JVM heap/direct/metaspace flags (line 1) and the memory settings
# (line 2) from config.yaml, as flink-dist's scripts do; without them a TaskManager refuses to
# start. The answer is kept in the run directory for the configuration it was derived from, so a
# restarted process does not start a JVM to ask again.
resource_params() {
    local command="$1" cp="$2"
    local key cache output
    key=$( { cat "$run_dir/conf/config.yaml"; dynamic_properties; } | cksum | cut -d ' ' -f 1)
    cache="$run_dir/conf/$command.$key"
    if [ ! -s "$cache" ]; then
        # the cluster's log configuration (the command line's needs the cli module's classes)
        output=$("$java_bin" -cp "$cp" -Dlog4j2.configurationFile="$root/scripts/cluster/log4j-cluster.properties" \
            -Dlog.file="$run_dir/log/bash-java-utils.log" \
            org.apache.flink.runtime.util.bash.BashJavaUtils "$command" --configDir "$run_dir/conf" \
            $(dynamic_properties | tr '\n' ' ') 2>>"$run_dir/log/bash-java-utils.log") \
            || die "BashJavaUtils $command failed (see $run_dir/log/bash-java-utils.log)"
        echo "$output" | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' >"$cache.$$"
        mv "$cache.$$" "$cache"
    fi
    cat "$cache"
}

# Class-data sharing: a JobManager or TaskManager maps the classes its role loaded in an earlier
# run from an archive instead of reading them out of the jars (7,800 of the JobManager's 8,700
# classes, 6,600 of a TaskManager's 7,500; a cluster's start on two cores: 7.8-8.1 s -> 5.3-5.6 s).
# The first process of a role, while there is no archive, records one when it exits (at `stop`, a
# few seconds more); a recording is kept once its process is gone and the archive maps. One
# directory per Java and class path: a recording fits only those.
cds_dir() {
    local cp="$1"
    echo "$root/scripts/cluster/target/cds/$(printf '%s' "$java_path" | cksum | cut -d ' ' -f 1)-$(printf '%s' "$cp" | cksum | cut -d ' ' -f 1)"
}

# Keeps each finished recording that maps as its role's archive, and drops the rest: a process
# killed before its exit leaves none, one killed while writing leaves a truncated file.
keep_recordings() {
    local cp="$1" dir recording pid pid_file role claimed stale owner
    [ "${CORTEX_SYNC_CDS:-on}" = off ] && return 0
    dir=$(cds_dir "$cp")
    # a stop killed while it checked a claimed recording leaves it, named after its pid
    for stale in "$dir"/*.recording.*.claimed; do
        [ -e "$stale" ] || continue
        owner=${stale%.claimed}; owner=${owner##*.}
        kill -0 "$owner" 2>/dev/null || rm -f "$stale"
    done
    for pid_file in "$dir"/*.recording.pid; do
        # another cluster's stop may take the same recording meanwhile: files vanish under us
        pid=$(cat "$pid_file" 2>/dev/null) || continue
        kill -0 "$pid" 2>/dev/null && continue
        recording=${pid_file%.pid}
        role=${recording##*/}; role=${role%%.*}
        # a rename claims the recording: of two stops at once, one wins it, the other goes on
        claimed="$recording.$$.claimed"
        if mv "$recording" "$claimed" 2>/dev/null && [ ! -f "$dir/$role.jsa" ] \
                && "$java_bin" -Xshare:on -XX:SharedArchiveFile="$claimed" -XX:ErrorFile=/dev/null \
                -XX:-CreateCoredumpOnCrash -Xlog:disable -cp "$cp" -version >/dev/null 2>&1; then
            mv "$claimed" "$dir/$role.jsa"
        fi
        rm -f "$claimed" "$pid_file"
    done
}

# The class-data flags of a process of `role` (jobmanager or taskmanager); sets `recording` to the
# file it records into, if it records.
cds_flags=()
recording=""
choose_cds() {
    local role="$1" cp="$2" dir pid_file
    cds_flags=(); recording=""
    [ "${CORTEX_SYNC_CDS:-on}" = off ] && return 0
    dir=$(cds_dir "$cp")
    if [ -f "$dir/$role.jsa" ]; then
        cds_flags=(-XX:SharedArchiveFile="$dir/$role.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
        return 0
    fi
    for pid_file in "$dir/$role".*.recording.pid; do
        # one recorder of a role at a time
        [ -e "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null && return 0
    done
    mkdir -p "$dir"
    recording="$dir/$role.$$-$RANDOM.recording"
    cds_flags=(-XX:ArchiveClassesAtExit="$recording" -Xlog:cds=off -Xlog:cds+dynamic=off)
}

launch() {
    local name="$1" main="$2" params="$3" cp="$4"; shift 4
    local jvm_flags dynamic
    jvm_flags=$(echo "$params" | sed -n 1p)
    dynamic=$(echo "$params" | sed -n 2p)
    local log_file="$run_dir/log/$name.log"
    choose_cds "${name%-[0-9]*}" "$cp"
    # setsid: the processes outlive the shell (or test) that started them until `stop`.
    # shellcheck disable=SC2086
    setsid nohup "$java_bin" "${java_opens[@]}" ${cds_flags[@]+"${cds_flags[@]}"} $jvm_flags \
        -Dlog.file="$log_file" -Dlog4j.configurationFile="$root/scripts/cluster/log4j-cluster.properties" \
        -Dlog4j2.configurationFile="$root/scripts/cluster/log4j-cluster.properties" \
        -cp "$cp" "$main" --configDir "$run_dir/conf" $(dynamic_properties | tr '\n' ' ') $dynamic "$@" \
        >>"$run_dir/log/$name.out" 2>&1 </dev/null &
    echo $! >"$run_dir/$name.pid"
    [ -z "$recording" ] || echo $! >"$recording.pid"
    log "$name started (pid $!, log $log_file)"
}

overview() { curl -sf --max-time 5 "$rest_url/overview" 2>/dev/null; }
json_number() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }

start() {
    for name in jobmanager "${taskmanagers[@]}"; do
        if pid=$(pid_of "$name"); then die "$name already runs (pid $pid); stop it first"; fi
    done
    if curl -s --max-time 2 -o /dev/null "$rest_url" 2>/dev/null; then
        die "port $rest_port is taken; set CORTEX_SYNC_REST_PORT"
    fi
    mkdir -p "$run_dir"/{conf,log,plugins,tmp,web-upload,checkpoints,savepoints}
    export FLINK_PLUGINS_DIR="$run_dir/plugins"
    cp "$root/flink-conf/config.yaml" "$run_dir/conf/config.yaml"
    local cp
    cp=$(classpath)
    keep_recordings "$cp"

    # the TaskManagers' settings are derived while the JobManager's are; a failure is reported
    # when they are asked for again below
    resource_params GET_TM_RESOURCE_PARAMS "$cp" >/dev/null 2>&1 &
    local tm_params_ready=$! jm_params tm_params
    # an assignment, so that a failure ends the script (inside an argument list it would not)
    jm_params=$(resource_params GET_JM_RESOURCE_PARAMS "$cp")
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$jm_params" "$cp"
    wait "$tm_params_ready" || true
    tm_params=$(resource_params GET_TM_RESOURCE_PARAMS "$cp")
    for name in "${taskmanagers[@]}"; do
        launch "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$tm_params" "$cp" \
            -D "taskmanager.resource-id=$name"
    done

    local deadline=$((SECONDS + timeout)) registered=0
    while [ $SECONDS -lt $deadline ]; do
        for name in jobmanager "${taskmanagers[@]}"; do
            pid_of "$name" >/dev/null || { stop >/dev/null 2>&1 || true; die "$name exited; see $run_dir/log/$name.log and $name.out"; }
        done
        registered=$(overview | json_number taskmanagers || true)
        if [ "${registered:-0}" = "${#taskmanagers[@]}" ]; then
            log "ready: $(overview | json_number slots-total) slots, dashboard $rest_url"
            return 0
        fi
        sleep 0.5
    done
    stop >/dev/null 2>&1 || true
    die "no ${#taskmanagers[@]} TaskManagers registered within ${timeout}s (saw ${registered:-0}); see $run_dir/log"
}

# Starts one TaskManager again (after it was killed), and waits until it registered.
restart_taskmanager() {
    local name="$1"
    [[ " ${taskmanagers[*]} " == *" $name "* ]] || die "no TaskManager '$name' (one of: ${taskmanagers[*]})"
    if pid=$(pid_of "$name"); then die "$name still runs (pid $pid)"; fi
    local cp total=${#taskmanagers[@]}
    cp=$(classpath)
    # the JobManager lists a killed TaskManager until its heartbeat times out; the new one
    # (with the same resource id) counts only once the old one is gone
    local deadline=$((SECONDS + timeout))
    while [ "$(overview | json_number taskmanagers || echo 0)" -ge "$total" ]; do
        [ $SECONDS -lt $deadline ] || die "the JobManager still lists $total TaskManagers after ${timeout}s"
        sleep 0.5
    done
    local params
    params=$(resource_params GET_TM_RESOURCE_PARAMS "$cp")
    launch "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "$params" "$cp" -D "taskmanager.resource-id=$name"
    deadline=$((SECONDS + timeout))
    while [ $SECONDS -lt $deadline ]; do
        pid_of "$name" >/dev/null || die "$name exited; see $run_dir/log/$name.log and $name.out"
        if [ "$(overview | json_number taskmanagers || echo 0)" -ge "$total" ]; then
            log "$name registered again"
            return 0
        fi
        sleep 0.5
    done
    die "$name did not register within ${timeout}s"
}

# Starts the JobManager again (after it was killed) on the same ports, and waits until the
# running TaskManagers registered with it. Without HA services it knows no jobs: resubmit them.
restart_jobmanager() {
    if pid=$(pid_of jobmanager); then die "jobmanager still runs (pid $pid)"; fi
    local cp total=${#taskmanagers[@]}
    cp=$(classpath)
    export FLINK_PLUGINS_DIR="$run_dir/plugins"
    local params
    params=$(resource_params GET_JM_RESOURCE_PARAMS "$cp")
    launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "$params" "$cp"
    local deadline=$((SECONDS + timeout))
    while [ $SECONDS -lt $deadline ]; do
        pid_of jobmanager >/dev/null || die "jobmanager exited; see $run_dir/log/jobmanager.log and jobmanager.out"
        if [ "$(overview | json_number taskmanagers || echo 0)" -ge "$total" ]; then
            log "jobmanager started again; $total TaskManagers registered"
            return 0
        fi
        sleep 0.5
    done
    die "the TaskManagers did not register with the new jobmanager within ${timeout}s"
}

stop() {
    local name pid stopped=0
    for name in "${taskmanagers[@]}" jobmanager; do
        if pid=$(pid_of "$name"); then kill "$pid" 2>/dev/null || true; stopped=1; fi
    done
    local deadline=$((SECONDS + timeout))
    for name in "${taskmanagers[@]}" jobmanager; do
        if pid=$(pid_of "$name"); then
            while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
            if kill -0 "$pid" 2>/dev/null; then
                log "$name (pid $pid) did not stop in time; killing it"
                kill -9 "$pid" 2>/dev/null || true
                while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
            fi
        fi
        rm -f "$run_dir/$name.pid"
    done
    # the class path the processes ran with; a stop never resolves one with Maven
    [ ! -s "$classpath_file" ] || keep_recordings "$(cat "$classpath_file")"
    [ "$stopped" = 1 ] && log "stopped" || log "not running"
}

status() {
    local name pid running=0
    for name in jobmanager "${taskmanagers[@]}"; do
        if pid=$(pid_of "$name"); then echo "$name: running (pid $pid)"; running=$((running + 1)); else echo "$name: stopped"; fi
    done
    local o
    if o=$(overview); then
        echo "taskmanagers: $(echo "$o" | json_number taskmanagers), slots: $(echo "$o" | json_number slots-total) total, $(echo "$o" | json_number slots-available) free, jobs running: $(echo "$o" | json_number jobs-running)"
        echo "dashboard: $rest_url"
    fi
    [ "$running" -gt 0 ]
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    restart-taskmanager) restart_taskmanager "${2:?name the TaskManager, e.g. taskmanager-1}" ;;
    restart-jobmanager) restart_jobmanager ;;
    *) echo "usage: local-cluster.sh start|stop|status|restart-taskmanager NAME|restart-jobmanager" >&2; exit 2 ;;
esac
