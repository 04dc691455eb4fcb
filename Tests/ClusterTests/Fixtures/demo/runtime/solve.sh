#!/bin/sh
# The cluster tests' solve (Tests/ClusterTests/Fixtures/README.md). The input case is one line:
#   sleep MS     print a progress line every 200 ms for MS milliseconds, then write the output
#   kill         kill -9 this job's node (our parent: the atrium process) and exit
# Every attempt first takes `flock -n` on SHARED/<job>.lock; if another process holds it (the same
# job running twice at once) it appends "DOUBLE <job> <node> <time>" to SHARED/double.log and
# fails. SHARED is the absolute directory the harness writes into the app's `shared-dir` file.
set -u
shared="$(cat "$ATRIUM_APP_DIR/shared-dir")"
job="$ATRIUM_SESSION_ID"
# The node's name from its environment (our parent is the node process).
node="$(tr '\0' '\n' <"/proc/$PPID/environ" 2>/dev/null | sed -n 's/^ATRIUM_NODE=//p')"
node="${node:-?}"
exec 9>>"$shared/$job.lock"
if ! flock -n 9; then
    echo "DOUBLE $job $node $(date +%s.%N)" >>"$shared/double.log"
    echo "another attempt of $job holds its lock" >&2
    exit 3
fi
echo "start $job $node $(date +%s.%N)" >>"$shared/starts.log"
read -r action argument <"$ATRIUM_INPUT" || true
case "$action" in
sleep)
    # Progress lines keep coming (like a real solver's): when the node dies, the next write hits
    # a closed pipe and SIGPIPE ends this attempt too (and with it the lock).
    steps=$(((${argument:-0} + 199) / 200))
    i=0
    while [ "$i" -lt "$steps" ]; do
        echo "progress: step $i of $steps"
        sleep 0.2 9>&-
        i=$((i + 1))
    done
    ;;
kill)
    echo "kill $job $node $(date +%s.%N)" >>"$shared/starts.log"
    echo "progress: killing node $node"
    # Let go of the lock first: the restarted node may start the next attempt at once.
    exec 9>&-
    kill -9 "$PPID"
    exit 4
    ;;
*)
    echo "unknown action '$action'" >&2
    exit 2
    ;;
esac
printf 'done %s %s on %s\n' "$action" "${argument:-}" "$node" >"$ATRIUM_OUTPUT"
echo "end $job $node $(date +%s.%N)" >>"$shared/starts.log"
