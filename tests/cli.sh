#!/usr/bin/env bash
# The `putokaz` command against the bundled packs: the README's command, check, test,
# JSON Lines, `due`, exit codes, and a broken copy of the BiH pack whose errors must be
# located. Usage: tests/cli.sh PATH/TO/putokaz
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
expect "diff" 0 "$bin" diff bih bih --set school_notice=100bd --as-of "$late" "$lines"
contains "diff" "parameter school_notice: 5bd → 100bd"
contains "diff" "obligation school_notice: overdue → pending"
expect "diff json" 0 "$bin" diff bih bih --json --as-of "$late" "$lines"
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
