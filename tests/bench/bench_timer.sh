# SPDX-License-Identifier: BSD-2-Clause
# A real 60-second timer in tmux, no faketime: the CPU time unknot used
# (target: under 0.3 s, i.e. 0.5 % of a minute) and how late its finish
# was drawn (target: under 50 ms), both measured from outside; unknot logs
# nothing extra.
#
# No preset lasts exactly 60 s, so the daily routine with 5-s holds (34
# steps and the count-in, 3:08) is skipped forward by 24 steps at once: a skip starts the
# next step at that instant, leaving 11 steps (a change of position among
# them), exactly 60 s, with a bell and a checkpoint schedule like any
# session's.
#
# Lateness is measured twice: "from the key" counts from before the 23
# skips were sent (an upper bound: it adds the keys' trip into unknot),
# "from the frame" from the first frame that shows the last skip done (an
# estimate: the delay of seeing a frame is in both ends and cancels). The
# frames are polled with capture-pane as fast as tmux answers.
UNKNOT=${UNKNOT:-./unknot}
case $UNKNOT in /*) ;; *) UNKNOT=$PWD/$UNKNOT ;; esac
tmp=$(mktemp -d /tmp/unknot-bench.XXXXXX)
sock=unknot-bench-timer-$$
trap 'tmux -L $sock kill-server 2>/dev/null; rm -f "/tmp/tmux-$(id -u)/$sock"; rm -rf "$tmp"' EXIT

screen() { tmux -L $sock capture-pane -p -t b; }
ms_now() { echo $(($(date +%s%N) / 1000000)); }
wait_for() { # wait_for TEXT SECONDS: polls until TEXT shows; 1 on timeout
    local end=$(($(ms_now) + $2 * 1000))
    until screen | grep -q -- "$1"; do
        [ "$(ms_now)" -gt $end ] && { echo "bench_timer: \"$1\" never showed" >&2; return 1; }
    done
    return 0
}

# From home, as a user would: s, the daily routine, 5-s holds.
tmux -L $sock -f /dev/null new-session -d -s b -x 80 -y 24 "$UNKNOT --db $tmp/t.db; sleep 30"
wait_for "n new  e end" 5 || exit 1
tmux -L $sock send-keys -t b s Down Down Down Down Left
wait_for "About [0-9]*:[0-9][0-9]" 5 || exit 1
# The routine's whole length as the set-up says it (3:08 with the count-in).
total=$(screen | grep -o 'About [0-9]*:[0-9][0-9]' | head -1)
total=${total#About }
sh_pid=$(tmux -L $sock list-panes -t b -F '#{pane_pid}')
pid=$(pgrep -P "$sh_pid" -x "$(basename "$UNKNOT")")
tmux -L $sock send-keys -t b Enter
wait_for "left of $total" 5 || exit 1
t_key=$(ms_now)
tmux -L $sock send-keys -t b n n n n n n n n n n n n n n n n n n n n n n n n
wait_for "1:00 left of $total" 5 || exit 1
t_frame=$(ms_now)
sleep 58
wait_for "Session done." 5 || exit 1
t_done=$(ms_now)

# CPU: utime + stime in clock ticks (/proc/PID/stat fields 14, 15), and the
# scheduler's nanoseconds on the CPU (/proc/PID/schedstat), while unknot
# waits for the pain question after the finish.
hz=$(getconf CLK_TCK)
read -r -a st <"/proc/$pid/stat"
ticks=$((st[13] + st[14]))
cpu_ns=$(cut -d' ' -f1 "/proc/$pid/schedstat")
wakes=$(awk '/^voluntary_ctxt_switches/ {print $2}' "/proc/$pid/status")
done_status=$(sqlite3 -cmd ".timeout 2000" "$tmp/t.db" "select status from sessions")
tmux -L $sock send-keys -t b q

late_hi=$((t_done - t_key - 60000))
late_lo=$((t_done - t_frame - 60000))
cpu_ms=$((cpu_ns / 1000000))
echo "timer, 60 s real: CPU ${cpu_ms}.$(printf '%03d' $((cpu_ns / 1000 % 1000))) ms" \
     "($((ticks * 1000 / hz)) ms in ${hz} Hz ticks; target under 300 ms), $wakes sleeps"
echo "timer, 60 s real: finish drawn ${late_lo} ms after the deadline from the frame," \
     "at most ${late_hi} ms from the key (target under 50 ms); stored as $done_status"
[ "$done_status" = "done" ] || { echo "FAIL: the session was not stored as done"; exit 1; }
[ "$cpu_ms" -lt 300 ] || { echo "FAIL: the timer used ${cpu_ms} ms of CPU"; exit 1; }
[ "$late_hi" -lt 50 ] || { echo "FAIL: the finish came ${late_hi} ms late"; exit 1; }
