#!/bin/sh
# A test runtime's solve. The app's `mode` file picks a behaviour: ok, fail, sleep, silent, infeasible.
mode=$(cat "$ATRIUM_APP_DIR/mode")
echo "solve in mode $mode, input $ATRIUM_INPUT"
case "$mode" in
  fail) echo "progress: failing on purpose"; echo "the model is infeasible in a way we cannot report" >&2; exit 2 ;;
  sleep) echo "progress: sleeping"; exec sleep 600 ;;
  silent) exit 0 ;;
esac
echo "progress: 50%"
{ cat "$ATRIUM_INPUT"; printf ' solved'; } > "$ATRIUM_OUTPUT.tmp" && mv "$ATRIUM_OUTPUT.tmp" "$ATRIUM_OUTPUT"
# Many lines at the end, faster than the runner's 250 ms progress writes: the last one must win.
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo "progress: wrapping up $i"; done
if [ "$mode" = infeasible ]; then echo "result: infeasible"; else echo "result: optimal"; fi
echo "progress: done"
