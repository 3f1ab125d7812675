#!/bin/sh
# A large vault stays fast: `quarantine list` reads 10,000 records in
# well under a second of CPU, and the start of a `scan --quarantine` (recovery)
# does not grow with the vault: it looks only at unfinished work.
. "$(dirname "$0")/test-lib.sh"
. "$(dirname "$0")/lib-quarantine.sh"

cd "$TRASH"
make_sigs

# gen.py VAULT ID: 9,999 more entries like ID, in the vault's format.
cat >gen.py <<'EOP'
import os, sys
vault, id0 = sys.argv[1], sys.argv[2]
rec = open(os.path.join(vault, id0 + ".json")).read()
data = open(os.path.join(vault, id0 + ".data"), "rb").read()
for i in range(9999):
    new = "20200101T000000Z-%08x" % i
    with open(os.path.join(vault, new + ".json"), "w") as f:
        f.write(rec.replace(id0, new))
    p = os.path.join(vault, new + ".data")
    with open(p, "wb") as f:
        f.write(data)
    os.chmod(p, 0o400)
EOP

test_lazy_prereq ASAN 'ldd "$SPAMSWEEP" | grep -q libasan' 'not an ASan build'

# ms STATUS CMD...: runs CMD (output to /dev/null), prints the CPU time
# it took (user + system, in ms: the machine may be shared, so not the
# wall time; the wall time goes to stderr); fails unless CMD exited with
# STATUS, or when it ran past 20 s.
cat >cpu.py <<'EOP'
import os, resource, subprocess, sys, time
t0 = time.monotonic()
try:
    rc = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL, timeout=20).returncode
except subprocess.TimeoutExpired:
    rc = -1
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(int((ru.ru_utime + ru.ru_stime) * 1000))
print("# wall: %d ms" % ((time.monotonic() - t0) * 1000), file=sys.stderr)
sys.exit(0 if rc == int(sys.argv[1]) else 1)
EOP
ms() {
	python3 cpu.py "$@"
}

test_expect_success PYTHON3 'a 10,000-entry vault, written in the vault format' '
	rm -rf www "$VAULT" && mkdir -p www && infected_php www/evil.php &&
	expect_exit 1 q_scan --quarantine -i www >/dev/null &&
	id=$(q list --json | jq -r ".[0].id") &&
	python3 gen.py "$VAULT" "$id" &&
	test "$(ls "$VAULT" | grep -c "\.json$")" = 10000
'

test_expect_success PYTHON3 'quarantine list of 10,000 entries: under a second of CPU' '
	t=$(ms 0 "$SPAMSWEEP" quarantine --quarantine-dir "$VAULT" list) &&
	echo "# list: $t ms" &&
	if test_have_prereq ASAN; then test $t -lt 5000; else test $t -lt 1000; fi &&
	test "$(entries)" = 10000 &&
	q list | grep -c "20200101T000000Z-" >n && test "$(cat n)" = 9999
'

test_expect_success PYTHON3 'scan --quarantine starts as fast as with an empty vault' '
	rm -rf w1 w2 empty && mkdir w1 w2 &&
	infected_php w1/evil.php && infected_php w2/evil.php &&
	t_empty=$(ms 1 "$SPAMSWEEP" scan --no-system-db \
		--sigs "$TSIGS" --quarantine-dir "$TRASH/empty" --quarantine -i w1) &&
	t_big=$(ms 1 "$SPAMSWEEP" scan --no-system-db \
		--sigs "$TSIGS" --quarantine-dir "$VAULT" --quarantine -i w2) &&
	echo "# empty vault: $t_empty ms, 10,000 entries: $t_big ms" &&
	! test -e w1/evil.php && ! test -e w2/evil.php &&
	test $t_big -lt $((2 * t_empty + 300)) &&
	test "$(entries)" = 10001
'

test_done
