#!/usr/bin/env bash
# The `putokaz` command against the bundled packs: the README's command, check, test,
# JSON Lines, `due`, exit codes, output to a closed pipe or a full disk, bounded input,
# batches that survive bad lines, escaped control characters, and a broken copy of the
# BiH pack whose errors must be located. Usage: tests/cli.sh PATH/TO/putokaz
set -uo pipefail
bin=$1
cd "$(dirname "$0")/.."
ok=0
bad=0
expect() { # expect NAME WANTED_EXIT COMMAND... ; output in $out
  local name=$1 want=$2
  shift 2
  out=$("$@" 2>&1)
  local got=$?
  if [ "$got" -eq "$want" ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAILED $name: exit $got, wanted $want"; echo "$out" | head -20; fi
}
contains() { # contains NAME TEXT
  if grep -qF -- "$2" <<<"$out"; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAILED $1: output lacks: $2"; echo "$out" | head -20; fi
}
as_of=2026-03-06T12:00:00+01:00
example=core/protocols/bih/examples/jajce-begging.json

expect "readme command" 0 "$bin" assess --as-of "$as_of" "$example"
contains "readme command" "Nivo: VISOK"
contains "readme command" "JU Centar za socijalni rad Jajce"
expect "english" 0 "$bin" assess --lang en --as-of "$as_of" "$example"
contains "english" "Classification: presumed victim"
expect "json" 0 "$bin" assess --json --as-of "$as_of" "$example"
contains "json" '"digest": "sha256:'
expect "stdin" 0 "$bin" assess --as-of "$as_of" - <"$example"
for pack in bih ilo-2009; do
  expect "check $pack" 0 "$bin" check "$pack"
  contains "check $pack" "0 warnings"
  expect "test $pack" 0 "$bin" test "$pack"
  contains "test $pack" "0 failed"
done
expect "check dir" 0 "$bin" check core/protocols/bih
expect "test dir" 0 "$bin" test core/protocols/bih

# JSON Lines: one assessment or one error per line, in order.
lines=$(mktemp)
trap 'rm -rf "$lines" "$broken"' EXIT
for f in core/protocols/bih/examples/*.json; do tr -d '\n' <"$f"; echo; done >"$lines"
echo '{"id": "bad", "reported_at": "2026-03-02T09:00:00+01:00", "municipality": "Modrica"}' >>"$lines"
late=2026-12-31T12:00:00+01:00
expect "jsonl" 1 "$bin" assess --jsonl --fast --as-of "$late" "$lines"
contains "jsonl" '"kind":"case.unknown_municipality"'
contains "jsonl" 'did you mean Modriča?'
[ "$(wc -l <<<"$out")" -eq 6 ] && ok=$((ok + 1)) || { bad=$((bad + 1)); echo "FAILED jsonl: not one line per case"; }
expect "due" 1 "$bin" due --as-of "$late" "$lines"
contains "due" "JU Centar za socijalni rad Jajce"
contains "due" "OVERDUE"
expect "due team" 1 "$bin" due --team SBK --as-of "$late" "$lines"
contains "due team" "2 cases assessed"

# Analysis: a protocol diff over the examples, and counterfactuals for one case.
# A case refused by both protocols is a refused line: exit 1, the diff still complete.
expect "diff" 1 "$bin" diff bih bih --set school_notice=100bd --as-of "$late" "$lines"
contains "diff" "parameter school_notice: 5bd → 100bd"
contains "diff" "obligation school_notice: overdue → pending"
expect "diff json" 1 "$bin" diff bih bih --json --as-of "$late" "$lines"
contains "diff json" '"unchanged": 5,'
contains "diff json" '"refused": 1,'
expect "what-if" 0 "$bin" explain --what-if --as-of 2026-10-13T12:00:00+02:00 core/protocols/bih/examples/tuzla-absences.json
contains "what-if" "street_work_at_night absent + unexcused_absences absent → none / insufficient_indicators"
for lang in hr sr-Latn sr-Cyrl; do
  expect "lang $lang" 0 "$bin" assess --lang "$lang" --as-of "$as_of" "$example"
done
contains "lang sr-Cyrl" "Обавијестити"
expect "unknown lang" 2 "$bin" assess --lang de --as-of "$as_of" "$example"

# Local parameters.
expect "set local" 0 "$bin" assess --set absence_threshold=30 --json --as-of "$as_of" "$example"
contains "set local" '"absence_threshold"'
expect "set non-local" 2 "$bin" assess --set reflection_period=10d --as-of "$as_of" "$example"

# Output: one writer for every subcommand. A reader that goes away early (`| true`,
# `| head`) ends the command quietly with exit 0; a full disk is exit 3 with a message.
# Never a panic (exit 101).
lines_bad=$(mktemp)
good=$(mktemp)
trap 'rm -rf "$lines" "$broken" "$lines_bad" "$good"' EXIT
for f in core/protocols/bih/examples/*.json; do tr -d '\n' <"$f"; echo; done >"$good"
out_cmds=(
  "check core/protocols/bih"
  "check bih"
  "test bih"
  "provenance bih"
  "synth --count 2000"
  "assess --as-of $as_of $example"
  "assess --json --as-of $as_of $example"
  "assess --jsonl --fast --as-of $late $good"
  "due --as-of $late $good"
  "diff bih bih --set absence_threshold=25 --as-of $late $good"
  "diff bih bih --json --as-of $late $good"
  "explain --what-if --as-of 2026-10-13T12:00:00+02:00 core/protocols/bih/examples/tuzla-absences.json"
)
for c in "${out_cmds[@]}"; do
  # shellcheck disable=SC2086
  err=$( { "$bin" $c | true; } 2>&1; exit "${PIPESTATUS[0]}")
  got=$?
  if { [ "$got" -eq 0 ] || [ "$got" -eq 1 ]; } && [ -z "$err" ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAILED closed pipe: $c: exit $got: $err" | head -5; fi
  # shellcheck disable=SC2086
  err=$("$bin" $c 2>&1 >/dev/full)
  got=$?
  if [ "$got" -eq 3 ] && grep -q "cannot write to standard output" <<<"$err"; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAILED full disk: $c: exit $got: $err" | head -5; fi
done
"$bin" synth --count 100000 | head -1 >/dev/null
got=${PIPESTATUS[0]}
[ "$got" -eq 0 ] && ok=$((ok + 1)) || { bad=$((bad + 1)); echo "FAILED synth | head -1: exit $got"; }

# Input: read through bounded readers. A case file stops at 1 MiB + 1 byte (a file that
# never ends included); a JSON Lines line that is too long is refused without being kept
# and the next line is read.
expect "case file never ends" 1 timeout 20 "$bin" assess --as-of "$as_of" /dev/zero
contains "case file never ends" "case may be at most 1048576 bytes"
expect "case on stdin too large" 1 bash -c "head -c 3000000 /dev/zero | timeout 20 '$bin' assess --as-of '$as_of' -"
contains "case on stdin too large" "limit"
expect "what-if file never ends" 1 timeout 20 "$bin" explain --what-if --as-of "$as_of" /dev/zero
{
  printf '{"id":"bytes","reported_at":"\xff"}\n'
  head -c 300000000 /dev/zero
  printf '\n\n'
  tr -d '\n' <"$example"
  printf '\n{"id": 7}\n'
  tr -d '\n' <"$example"
  echo
} >"$lines_bad"
trap 'rm -rf "$lines" "$broken" "$lines_bad" "$good"' EXIT
# 300 MB in one line, under a 400 MB address-space limit: kept whole it would not fit.
expect "jsonl bad lines" 1 bash -c "ulimit -v 400000; '$bin' assess --jsonl --fast --as-of '$as_of' '$lines_bad'"
contains "jsonl bad lines" '{"error":{"kind":"case.syntax","message":"$: syntax: the text is not valid UTF-8 (line 1, column 30)"},"line":1}'
contains "jsonl bad lines" '{"error":{"kind":"case.limit","message":"$: limit: a case may be at most 1048576 bytes"},"line":2}'
contains "jsonl bad lines" '"line":5}'
[ "$(grep -c '"case_id":"JJ-2026-014"' <<<"$out")" -eq 2 ] && ok=$((ok + 1)) || { bad=$((bad + 1)); echo "FAILED jsonl bad lines: the good lines were not all assessed"; }
expect "due bad lines" 1 bash -c "ulimit -v 400000; '$bin' due --as-of '$as_of' '$lines_bad'"
contains "due bad lines" "line 1: case.syntax"
contains "due bad lines" "line 2: case.limit"
contains "due bad lines" "line 5: case.schema"
contains "due bad lines" "(2 cases assessed, 3 lines refused)"
expect "diff bad lines" 1 bash -c "ulimit -v 400000; '$bin' diff bih bih --as-of '$as_of' '$lines_bad'"
contains "diff bad lines" "line 1: case.syntax"
contains "diff bad lines" "line 5: case.schema"
contains "diff bad lines" "2 cases, 0 change, 2 unchanged (3 lines refused)"

# Control characters from input are shown, never obeyed: a case id cannot forge a line.
forged=$(mktemp)
trap 'rm -rf "$lines" "$broken" "$lines_bad" "$good" "$forged"' EXIT
printf '{"id":"x\\u001b[2J\\r\\nLevel: NONE\\u202e","reported_at":"2026-03-02T08:40:00+01:00","municipality":"Jajce","reporter":"school","subject":{"age":10},"observations":[{"indicator":"forced_begging","value":true}],"discretionary_override":{"direction":"raise","reason":"r\\nLevel: NONE","reviewer":"s\\u0007"}}\n' >"$forged"
for c in "assess --lang en --as-of $as_of $forged" "due --as-of $as_of $forged" "diff bih bih --set absence_threshold=25 --as-of $as_of $forged" "explain --what-if --as-of $as_of $forged"; do
  # shellcheck disable=SC2086
  out=$("$bin" $c 2>&1)
  if grep -q '^Level: NONE' <<<"$out" || LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' <<<"$out"; then
    bad=$((bad + 1)); echo "FAILED forged id: $c"; echo "$out" | head -5
  else ok=$((ok + 1)); fi
done
contains "forged id (what-if)" 'x\u{1b}[2J\u{d}\u{a}Level: NONE\u{202e}: '

# --json=canonical is the bytes of to_json(), the same as a --jsonl line.
expect "json canonical" 0 "$bin" assess --json=canonical --as-of "$late" "$example"
canonical=$out
expect "jsonl one" 0 bash -c "tr -d '\n' <'$example' | '$bin' assess --jsonl --as-of '$late' -"
[ "$canonical" = "$out" ] && ok=$((ok + 1)) || { bad=$((bad + 1)); echo "FAILED --json=canonical differs from --jsonl"; }
[ "$(wc -l <<<"$canonical")" -eq 1 ] && ok=$((ok + 1)) || { bad=$((bad + 1)); echo "FAILED --json=canonical is not one line"; }

# What-if: a maximal case (4,096 observations) is searched like its short form, fast;
# a case at the top level says so.
maximal=$(mktemp)
trap 'rm -rf "$lines" "$broken" "$lines_bad" "$good" "$forged" "$maximal"' EXIT
python3 - "$maximal" <<'PY'
import json, sys
obs = [{"indicator": "forced_begging", "value": True, "observed_at": "2026-03-02T08:00:00+01:00", "observed_by": "school"}] * 4096
json.dump({"id": "max", "reported_at": "2026-03-02T08:40:00+01:00", "municipality": "Jajce", "reporter": "school",
           "subject": {"age": 10}, "observations": obs}, open(sys.argv[1], "w"))
PY
expect "what-if maximal" 0 timeout 60 "$bin" explain --what-if --as-of "$as_of" "$maximal"
contains "what-if maximal" "forced_begging absent → none / insufficient_indicators"
expect "what-if at the top" 0 "$bin" explain --what-if --as-of 2026-12-31T12:00:00+01:00 core/protocols/bih/examples/travnik-foreign-worker.json
contains "what-if at the top" "already at the highest level"

# Usage and I/O errors.
expect "bad as_of" 2 "$bin" assess --as-of yesterday "$example"
expect "missing file" 3 "$bin" assess --as-of "$as_of" no/such/case.json
expect "unknown pack" 2 "$bin" check no-such-pack

# A broken copy of the BiH pack: a typo in a condition, a protected attribute given
# weight, two conflicting obligations. Every error is reported, each located.
broken=$(mktemp -d)
cp -r core/protocols/bih core/protocols/ilo-2009 "$broken/"
sed -i 's/^when = "subject.is_child and daily_money_quota"$/when = "subject.is_child and daily_money_qouta"/' "$broken/bih/rules.toml"
sed -i 's/^when = "subject.is_child and begging_with_unrelated_adult"$/when = "subject.is_child and (begging_with_unrelated_adult or roma_community)"/' "$broken/bih/rules.toml"
sed -i 's/^id = "escalate_to_team"$/id = "inform_team"/' "$broken/bih/obligations.toml"
expect "broken pack" 1 "$bin" check "$broken/bih"
contains "broken pack" "rules.toml:"
contains "broken pack" "unknown_name: unknown name \`daily_money_qouta\` (did you mean \`daily_money_quota\`?)"
contains "broken pack" "protected: score term \`begging_with_unrelated_adult\` reads the protected attribute \`roma_community\`"
contains "broken pack" "conflict: obligation \`inform_team\` has two base definitions"
contains "broken pack" "^^^"

echo "cli: $ok passed, $bad failed"
[ "$bad" -eq 0 ]
