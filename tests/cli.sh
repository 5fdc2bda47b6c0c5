#!/usr/bin/env bash
# The `putokaz` command against the bundled packs: the README's commands and their
# outputs, check, test, JSON Lines, `due`, `diff`, `explain --what-if` and `synth` in every
# language, exit codes, output to a closed pipe or a full disk for every subcommand,
# bounded input, batches that survive bad lines, escaped control characters, a pack name
# that is also a path, completions and manual pages, and a broken copy of the BiH pack
# whose errors must be located. Usage: tests/cli.sh PATH/TO/putokaz
set -uo pipefail
# The binary by an absolute path: some checks run it from another directory.
bin=$1
[ -e "$bin" ] && bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
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
contains "due" "[ZAKAŠNJELO]"
expect "due team" 1 "$bin" due --lang en --team SBK --as-of "$late" "$lines"
contains "due team" "(2 cases assessed, 1 line refused)"

# Analysis: a protocol diff over the examples, and counterfactuals for one case.
# A case refused by both protocols is a refused line: exit 1, the diff still complete.
expect "diff" 1 "$bin" diff bih bih --set school_notice=100bd --lang en --as-of "$late" "$lines"
contains "diff" "parameter school_notice: 5bd → 100bd"
contains "diff" "obligation school_notice: OVERDUE → pending"
contains "diff" "6 cases, 1 change, 4 unchanged, 1 refused by both"
expect "diff json" 1 "$bin" diff bih bih --json --as-of "$late" "$lines"
contains "diff json" '"unchanged": 5,'
contains "diff json" '"refused": 1,'
expect "what-if" 0 "$bin" explain --what-if --lang en --as-of 2026-10-13T12:00:00+02:00 core/protocols/bih/examples/tuzla-absences.json
contains "what-if" "Child begs or works on the street at night [street_work_at_night] absent + Unexcused absences (lessons) in the current school year [unexcused_absences] absent → none / insufficient indicators"
expect "what-if bs" 0 "$bin" explain --what-if --as-of 2026-10-13T12:00:00+02:00 core/protocols/bih/examples/tuzla-absences.json
contains "what-if bs" "[street_work_at_night] odsutno + "
contains "what-if bs" "→ nema / nedovoljno indikatora"
contains "what-if bs" "spustilo bi nivo:"
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
  "synth --count 2000 --as-of $late"
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
"$bin" synth --count 100000 --as-of "$late" | head -1 >/dev/null
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
contains "due bad lines" "(procijenjenih slučajeva: 2, odbijenih redova: 3)"
expect "diff bad lines" 1 bash -c "ulimit -v 400000; '$bin' diff bih bih --as-of '$as_of' '$lines_bad'"
contains "diff bad lines" "line 1: case.syntax"
contains "diff bad lines" "line 5: case.schema"
contains "diff bad lines" "slučajeva: 2, promijenjenih: 0, nepromijenjenih: 2, odbijenih redova: 3"

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
expect "what-if maximal" 0 timeout 60 "$bin" explain --what-if --lang en --as-of "$as_of" "$maximal"
contains "what-if maximal" "[forced_begging] absent → none / insufficient indicators"
expect "what-if at the top" 0 "$bin" explain --what-if --lang en --as-of 2026-12-31T12:00:00+01:00 core/protocols/bih/examples/travnik-foreign-worker.json
contains "what-if at the top" "already at the highest level"
expect "what-if at the top, hr" 0 "$bin" explain --what-if --lang hr --as-of 2026-12-31T12:00:00+01:00 core/protocols/bih/examples/travnik-foreign-worker.json
contains "what-if at the top, hr" "već je na najvišoj razini"

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

# Every subcommand, its output cut short by `| head -1` (one line read, then the pipe
# closes): exit 0 and nothing on standard error, as ripgrep and cargo do.
closed=(
  "${out_cmds[@]}"
  "due --lang en --as-of $late $good"
  "due --team SBK --as-of $late $good"
  "explain --as-of $as_of $example"
  "completions bash"
  "completions zsh"
  "man"
  "check --help"
)
for c in "${closed[@]}"; do
  # shellcheck disable=SC2086
  err=$( { "$bin" $c | head -1 >/dev/null; } 2>&1; exit "${PIPESTATUS[0]}")
  got=$?
  if { [ "$got" -eq 0 ] || [ "$got" -eq 1 ]; } && [ -z "$err" ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAILED | head -1: $c: exit $got: $err" | head -5; fi
done

# A name that is also a path means the path: an edited copy of the BiH pack in ./bih is
# checked, and `check` says which pack it checked.
here=$(mktemp -d)
trap 'rm -rf "$lines" "$broken" "$lines_bad" "$good" "$forged" "$maximal" "$here"' EXIT
cp -r core/protocols/bih core/protocols/ilo-2009 "$here/"
sed -i 's/^version = "0.2.0"$/version = "0.2.1"/' "$here/bih/pack.toml"
expect "check bundled" 0 "$bin" check bih
contains "check bundled" "bih 0.2.0 (sha256:"
contains "check bundled" "), bundled: ok — "
expect "check ./bih" 0 bash -c "cd '$here' && '$bin' check bih"
contains "check ./bih" "bih 0.2.1 (sha256:"
contains "check ./bih" "), from ./bih: ok"
contains "check ./bih" "note: \`bih\` is a path here"
sed -i 's/^when = "subject.is_child and daily_money_quota"$/when = "subject.is_child and daily_money_qouta"/' "$here/bih/rules.toml"
expect "check ./bih broken" 1 bash -c "cd '$here' && '$bin' check bih"
contains "check ./bih broken" "daily_money_qouta"
expect "test ./bih" 1 bash -c "cd '$here' && '$bin' test bih"
expect "check pack.toml" 0 "$bin" check core/protocols/ilo-2009/pack.toml
contains "check pack.toml" "), from core/protocols/ilo-2009/pack.toml: ok"
expect "test identity" 0 "$bin" test ilo-2009
contains "test identity" "pack ilo-2009 "
contains "test identity" "), bundled: "
# Errors name the path.
expect "no such pack" 2 "$bin" check no/such/pack
contains "no such pack" "\`no/such/pack\` is neither a pack directory"
expect "directory without a pack" 1 "$bin" check tests
contains "directory without a pack" "cannot read the pack at \`tests\`: the directory holds no pack.toml"

# due: obligations as assess writes them (one duration format), every word in --lang,
# --team by name or area code, and the teams listed when it names none.
expect "due en" 1 "$bin" due --lang en --as-of "$late" "$lines"
contains "due en" "Open obligations as of 2026-12-31T12:00:00+01:00 (5 cases assessed, 1 line refused)"
contains "due en" "JU Centar za socijalni rad Jajce — OVERDUE 7, pending 0"
contains "due en" "JJ-2026-014: [OVERDUE] Provide safe accommodation and emergency health care — "
contains "due en" "; late by 303 d 3 h"
grep -q " h late" <<<"$out" && { bad=$((bad + 1)); echo "FAILED due en: a second duration format"; } || ok=$((ok + 1))
for lang in bs hr sr-Latn sr-Cyrl; do
  expect "due $lang" 1 "$bin" due --lang "$lang" --as-of "$late" "$lines"
  # No English word of the layout is left.
  if grep -qE "Open obligations|cases assessed|lines? refused|OVERDUE|pending|late by|due 20" <<<"$out"; then
    bad=$((bad + 1)); echo "FAILED due $lang: English in the layout"; echo "$out" | head -4
  else ok=$((ok + 1)); fi
done
contains "due sr-Cyrl" "Отворене обавезе на дан 2026-12-31T12:00:00+01:00"
contains "due sr-Cyrl" "[РОК ПРЕКОРАЧЕН]"
expect "due team name" 1 "$bin" due --lang en --team "Regionalni monitoring tim Doboj" --as-of "$late" "$lines"
contains "due team name" "(1 case assessed, 1 line refused)"
contains "due team name" "MD-2026-003"
expect "due team miss" 2 "$bin" due --team Mostar --as-of "$late" "$lines"
contains "due team miss" "--team names no coordination team of pack \`bih\`"
contains "due team miss" "  Kantonalni koordinacioni tim za borbu protiv trgovine ljudima Srednjobosanskog kantona (SBK)"
contains "due team miss" "  Regionalni monitoring tim Doboj (Doboj)"

# diff: a change that only points explain has a cause; plurals; --lang.
heavier=$here/heavier
cp -r core/protocols/bih "$heavier"
python3 - "$heavier/rules.toml" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
old = 'when = "subject.is_child and daily_money_quota"\npoints = "3"'
assert old in s
open(p, "w", encoding="utf-8").write(s.replace(old, 'when = "subject.is_child and daily_money_quota"\npoints = "6"'))
PY
quota='{"id":"q1","reported_at":"2026-03-05T10:00:00+01:00","municipality":"Jajce","reporter":"school","subject":{"age":9},"observations":[{"indicator":"daily_money_quota","value":true}]}'
expect "diff points" 0 bash -c "echo '$quota' | '$bin' diff bih '$heavier' --lang en --as-of '$as_of' -"
contains "diff points" "1 case, 1 change, 0 unchanged"
contains "diff points" "q1: low → moderate, at risk → at risk"
contains "diff points" "because of: score_term/daily_money_quota"
expect "diff points bs" 0 bash -c "echo '$quota' | '$bin' diff bih '$heavier' --as-of '$as_of' -"
contains "diff points bs" "q1: nizak → umjeren, u riziku → u riziku"
contains "diff points bs" "zbog: score_term/daily_money_quota"
expect "diff plural" 0 bash -c "(echo '$quota'; echo '$quota' | sed 's/\"q1\"/\"q2\"/') | '$bin' diff bih '$heavier' --lang en --as-of '$as_of' -"
contains "diff plural" "2 cases, 2 changes, 0 unchanged"

# Every option has help text (checked for every subcommand by the command's unit tests);
# here the ones `diff` had none for.
expect "diff help" 0 "$bin" diff --help
contains "diff help" "The moment both protocols assess the cases for"
contains "diff help" "Print the comparison as JSON"
contains "diff help" "Language of the text"

# synth: times in the pack's zone (summer time in summer), all before --as-of, which
# assesses every case; without --as-of the end it keeps to is printed.
expect "synth zone" 0 bash -c "'$bin' synth --count 400 --as-of '$late' | grep -o '\"reported_at\":\"[^\"]*\"' | sort -u"
contains "synth zone" "+02:00\""
contains "synth zone" "+01:00\""
expect "synth assessable" 0 bash -c "'$bin' synth --count 1000 --as-of 2025-06-01T00:00:00+02:00 | '$bin' assess --jsonl --fast --as-of 2025-06-01T00:00:00+02:00 - >/dev/null"
expect "synth default end" 0 bash -c "'$bin' synth --count 1000 2>&1 >/dev/null"
contains "synth default end" "synth: every time is before 2026-11-01T00:00:00+01:00"
expect "synth default assessable" 0 bash -c "'$bin' synth --count 1000 2>/dev/null | '$bin' assess --jsonl --fast --as-of 2026-11-01T00:00:00+01:00 - >/dev/null"

# Completions and manual pages, generated and installed.
expect "completions bash" 0 bash -c "source <('$bin' completions bash) && complete -p putokaz"
contains "completions bash" "-F _putokaz putokaz"
expect "completions fish" 0 "$bin" completions fish
contains "completions fish" "complete -c putokaz"
expect "man" 0 "$bin" man
contains "man" ".TH putokaz 1"
prefix=$here/prefix
expect "install" 0 env PUTOKAZ_BIN="$bin" bash bindings/cli/install.sh "$prefix"
for f in bin/putokaz share/man/man1/putokaz.1 share/man/man1/putokaz-due.1 share/bash-completion/completions/putokaz \
  share/zsh/site-functions/_putokaz share/fish/vendor_completions.d/putokaz.fish; do
  [ -s "$prefix/$f" ] && ok=$((ok + 1)) || { bad=$((bad + 1)); echo "FAILED install: no $f"; }
done
if command -v groff >/dev/null 2>&1; then
  expect "man page renders" 0 bash -c "groff -man -Tutf8 '$prefix/share/man/man1/putokaz-due.1' 2>&1"
  contains "man page renders" "agenda of a coordination team meeting"
fi

# Serbian Cyrillic from Serbian Latin, as the engine and the checker write it.
expect "translit" 0 "$bin" translit "Dijete živi na ulici" "injekcija"
contains "translit" "Дијете живи на улици"
contains "translit" "инјекција"
expect "translit stdin" 0 bash -c "printf 'Ljubljana\\nnadživjeti\\n' | '$bin' translit"
contains "translit stdin" "Љубљана"
contains "translit stdin" "надживјети"
expect "translit not utf-8" 1 bash -c "printf 'a\\n\\377\\n' | '$bin' translit"
contains "translit not utf-8" "line 2 is not UTF-8"

# A case file that is not UTF-8 is the case's problem (exit 1, case.syntax), not a read
# error; help and version go to a full disk as an error like every other output.
printf '\377{}' >"$here/not-utf8.json"
expect "case not utf-8" 1 "$bin" assess --as-of "$as_of" "$here/not-utf8.json"
contains "case not utf-8" "syntax: the text is not valid UTF-8"
if [ -w /dev/full ]; then
  expect "help to a full disk" 3 bash -c "'$bin' --help >/dev/full"
  contains "help to a full disk" "No space left on device"
fi

# The README's commands print what it says they print, and its Rust example is
# core/examples/readme.rs, run.
expect "README outputs" 0 python3 tests/doc_outputs.py README.md putokaz="$bin" cargo=cargo

echo "cli: $ok passed, $bad failed"
[ "$bad" -eq 0 ]
