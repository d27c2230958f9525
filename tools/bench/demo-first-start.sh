#!/bin/bash
# usage: tools/bench/demo-first-start.sh on|off [postgresql|h2]  -> seconds from ./concord demo (fresh dir) to "Concord demo is running"
# (the second argument chooses the embedded database, concord.database.embedded; default: the node's default)
mode=$1; db=${2:-}; d=/tmp/fs-$mode-$$; rm -rf $d; mkdir -p $d
cd "$(dirname "$0")/../.."
s=$(date +%s.%N)
CONCORD_CDS=$mode CONCORD_DATABASE_EMBEDDED=$db ./concord demo --dir $d/data --base-port 9641 > $d/log 2>&1 &
pid=$!
for i in $(seq 1 600); do grep -q "Concord demo is running" $d/log && break; sleep 0.2; done
e=$(date +%s.%N)
kill $pid; wait $pid 2>/dev/null
sleep 2
echo "$mode ${db:-default} $(echo "$e - $s" | bc) load $(cut -d' ' -f1 /proc/loadavg)"
rm -rf $d
