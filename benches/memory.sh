# Sourced by the benchmarks of the app: `app_memory PID` prints the app's own RSS and the
# PSS (shared pages split fairly) of the app and its WebKit helper processes together,
# each counted once, both in KiB.
app_memory() {
  local pid="$1" app_kb total_kb=0 c kb
  app_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  for c in $( (echo "$pid"; pgrep -P "$pid"; pgrep -f WebKitWebProcess; pgrep -f WebKitNetworkProcess) | sort -u); do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$c/smaps_rollup" 2>/dev/null || echo 0)
    total_kb=$((total_kb + ${kb:-0}))
  done
  echo "$app_kb $total_kb"
}
