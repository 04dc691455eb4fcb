#!/bin/sh
# A test runtime's solve. The app's `mode` file picks a behaviour: ok, fail, sleep, silent.
mode=$(cat "$ATRIUM_APP_DIR/mode")
echo "solve in mode $mode, input $ATRIUM_INPUT"
case "$mode" in
  fail) echo "progress: failing on purpose"; echo "the model is infeasible in a way we cannot report" >&2; exit 2 ;;
  sleep) echo "progress: sleeping"; exec sleep 600 ;;
  silent) exit 0 ;;
esac
echo "progress: 50%"
{ cat "$ATRIUM_INPUT"; printf ' solved'; } > "$ATRIUM_OUTPUT.tmp" && mv "$ATRIUM_OUTPUT.tmp" "$ATRIUM_OUTPUT"
echo "progress: done"
