#!/usr/bin/env bash
# Measures what the capacity model (docs/CAPACITY.md) needs and `realcast bench` does not report: the broker's CPU per
# 1,000 deliveries and the bytes on its disk per delivery, by topic. Runs the broker as a process of its own (so its
# CPU time is its own, from /proc), a `realcast bench noisy` run against it (retries and dead letters included), then
# reads the broker's log files: bytes and records of every record batch, by topic (transaction markers count as bytes,
# not records). Writes docs/benchmarks/broker.json (or $1). Extra arguments go to the bench, e.g. --duration 10s.
#
#   bench/measure-broker.sh [out.json] [bench options…]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/benchmarks/broker.json}"
shift || true
work="$(mktemp -d)"
broker_pid=""
stop_broker() {
  if [[ -n "$broker_pid" ]]; then
    kill "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_broker EXIT

./realcast bench --help >/dev/null # builds the tools jar if sources changed
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx1g -cp tools/target/realcast-tools.jar io.realcast.webhooks.kafka.embedded.BrokerMain \
  --data-dir "$work/broker" --partitions 12 >"$work/broker.out" 2>"$work/broker.err" &
broker_pid=$!
for _ in $(seq 1 120); do
  grep -q '^REALCAST_BROKER_READY ' "$work/broker.out" && break
  sleep 0.5 # waiting for the broker's ready line, with the loop's bound as the deadline
done
bootstrap="$(sed -n 's/^REALCAST_BROKER_READY //p' "$work/broker.out")"
[[ -n "$bootstrap" ]] || { echo "the broker did not start: $(cat "$work/broker.err")" >&2; exit 1; }
ticks_before="$(awk '{print $14 + $15}' "/proc/$broker_pid/stat")"

./realcast bench noisy --bootstrap "$bootstrap" --out "$work" --label run "$@"

ticks_after="$(awk '{print $14 + $15}' "/proc/$broker_pid/stat")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/broker" "$work/run.json" "$out" "$(getconf CLK_TCK)" "$ticks_before" "$ticks_after" \
  "$load_before" "$load_after" "$*" <<'PY'
import json, os, re, struct, sys
data, run_file, out, hz, before, after, load_before, load_after, args = sys.argv[1:]
run = json.load(open(run_file))

def batches(path):
    """(bytes, records, control) of every record batch of a Kafka log segment (magic 2)."""
    with open(path, 'rb') as f:
        buf = f.read()
    i = 0
    while i + 61 <= len(buf):
        base, length = struct.unpack_from('>qi', buf, i)
        if length <= 0:
            break
        attributes, = struct.unpack_from('>h', buf, i + 21)
        count, = struct.unpack_from('>i', buf, i + 57)
        yield 12 + length, count, bool(attributes & 0x20)
        i += 12 + length

topics = {}
for root, dirs, files in os.walk(data):
    m = re.match(r'(.+)-\d+$', os.path.basename(root))
    if not m:
        continue
    t = topics.setdefault(m.group(1), {'bytes': 0, 'records': 0})
    for name in files:
        if name.endswith('.log'):
            for size, count, control in batches(os.path.join(root, name)):
                t['bytes'] += size
                t['records'] += 0 if control else count

def of(pattern):
    found = [v for k, v in topics.items() if re.search(pattern, k)]
    return sum(v['bytes'] for v in found), sum(v['records'] for v in found)

ledger = run['ledger']
deliveries = ledger['expected']
fanout = run['shape']['fanout']
def per(pattern, per_record=False):
    size, records = of(pattern)
    return round(size / max(1, records if per_record else deliveries), 1)
cpu = (float(after) - float(before)) / float(hz)
result = {
    'command': 'bench/measure-broker.sh ' + args,
    'benchCommand': run['command'],
    'startedAt': run['startedAt'],
    'loadBefore': load_before, 'loadAfter': load_after,
    'deliveries': deliveries,
    'attempts': sum(d['attempts'] for d in run['deliverers']),
    'brokerCpuSeconds': round(cpu, 2),
    'brokerCpuSecondsPerThousandDeliveries': round(cpu / deliveries * 1000, 4),
    'bytesPerDelivery': {
        'events': per(r'realcast\.events$'),
        'deliveries': per(r'realcast\.deliveries$', True),
        'attempts': per(r'realcast\.attempts$', True),
        'retry': per(r'realcast\.deliveries\.retry\.', True),
        'dead': per(r'realcast\.deliveries\.dead$', True),
        'changelogs': per(r'-changelog$'),
    },
    'topics': {k: v for k, v in sorted(topics.items())},
}
with open(out, 'w') as f:
    json.dump(result, f, indent=2)
    f.write('\n')
print(json.dumps({k: result[k] for k in ('brokerCpuSecondsPerThousandDeliveries', 'bytesPerDelivery', 'loadBefore', 'loadAfter')}))
PY
