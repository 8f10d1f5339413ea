#!/usr/bin/env bash
# Measures what the capacity model (docs/CAPACITY.md) needs and `realcast bench` does not report: the broker's CPU per
# 1,000 deliveries and the bytes on its disk per delivery, by topic. Runs the broker as a process of its own (so its
# CPU time is its own, from /proc, sampled twice a second), a `realcast bench noisy` run against it (retries and dead
# letters included), then reads the broker's log files: bytes and records of every record batch, by topic (transaction
# markers count as bytes, not records). The CPU figure is the broker's CPU during the run's fan-out capacity phase over
# the deliveries of that phase: fixed costs (start-up, idle fetches) left out. Writes docs/benchmarks/broker.json (or
# $1). Extra arguments go to the bench, e.g. --duration 10s.
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
# Wall-clock milliseconds and the broker's CPU ticks, twice a second, until the broker goes.
(while [[ -r "/proc/$broker_pid/stat" ]]; do
  echo "$(date +%s%3N) $(awk '{print $14 + $15}' "/proc/$broker_pid/stat" 2>/dev/null)"
  sleep 0.5 # a sampling period, not a wait for a condition
done) >"$work/cpu.samples" 2>/dev/null &

# Exit 2 is an unbalanced ledger (deliveries still retrying when the drain timed out): the broker's figures hold.
status=0
./realcast bench noisy --bootstrap "$bootstrap" --out "$work" --label run "$@" || status=$?
if [[ "$status" != 0 && "$status" != 2 ]]; then
  echo "the bench run failed (exit $status)" >&2
  exit "$status"
fi

ticks_after="$(awk '{print $14 + $15}' "/proc/$broker_pid/stat")"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/broker" "$work/run.json" "$out" "$(getconf CLK_TCK)" "$ticks_before" "$ticks_after" \
  "$load_before" "$load_after" "$*" "$work/cpu.samples" <<'PY'
import datetime, json, os, re, struct, sys
data, run_file, out, hz, before, after, load_before, load_after, args, samples_file = sys.argv[1:]
run = json.load(open(run_file))
samples = [tuple(map(float, l.split())) for l in open(samples_file) if len(l.split()) == 2]

def cpu_at(ms):
    """Broker CPU seconds at a wall-clock instant, interpolated between samples."""
    for (t0, c0), (t1, c1) in zip(samples, samples[1:]):
        if t0 <= ms <= t1:
            return (c0 + (c1 - c0) * (ms - t0) / max(1.0, t1 - t0)) / float(hz)
    raise SystemExit('no CPU sample around the phase: %s' % ms)

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
start = datetime.datetime.fromisoformat(run['startedAt'][:26].rstrip('Z')).replace(tzinfo=datetime.timezone.utc).timestamp() * 1000
phase = next(p for p in run['phases'] if p['name'] == 'fanout capacity')
phase_cpu = cpu_at(start + phase['endSecond'] * 1000) - cpu_at(start + phase['startSecond'] * 1000)
phase_deliveries = phase['load']['healthyDelivered']  # the whole backlog, delivered within the window
result = {
    'command': 'bench/measure-broker.sh ' + args,
    'benchCommand': run['command'],
    'startedAt': run['startedAt'],
    'loadBefore': load_before, 'loadAfter': load_after,
    'ledgerBalanced': ledger['balanced'],
    'deliveries': deliveries,
    'attempts': sum(d['attempts'] for d in run['deliverers']),
    'brokerCpuSecondsWholeRun': round(cpu, 2),
    'phase': phase['name'],
    'phaseDeliveries': round(phase_deliveries),
    'phaseBrokerCpuSeconds': round(phase_cpu, 2),
    'brokerCpuSecondsPerThousandDeliveries': round(phase_cpu / phase_deliveries * 1000, 4),
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
