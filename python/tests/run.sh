#!/usr/bin/env bash
# The Python suite, from a clean machine that has Rust and python3:
#   1. a virtual environment in "${PUTOKAZ_BUILD_DIR:-<repo>/target}/py-venv" (reused when
#      it exists; its test requirements are reinstalled only when requirements.txt changes),
#   2. the package built and installed exactly as a user would: `pip install ./python`,
#   3. the stub check (mypy stubtest) and pytest, which also executes the notebook.
# With PUTOKAZ_SPARK=1 it also installs pyspark (requirements-spark.txt; Spark runs on
# the machine's Java) and the Spark test must run; without it that test is skipped.
# Exits non-zero on any failure; pytest's summary is the last line printed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${PUTOKAZ_BUILD_DIR:-$repo/target}"
mkdir -p "$build"
build="$(cd "$build" && pwd)"
venv="$build/py-venv"
python="${PYTHON:-python3}"

step() { printf '\n== %s\n' "$*"; }

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    step "creating the virtual environment $venv"
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi
py="$venv/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1

stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    step "installing the test requirements"
    "$py" -m pip install --quiet --upgrade pip
    "$py" -m pip install --quiet -r "$here/requirements.txt"
    echo "$want" > "$stamp"
fi

if [ "${PUTOKAZ_SPARK:-0}" = 1 ]; then
    spark_stamp="$venv/.requirements-spark.sha256"
    spark_want="$(sha256sum "$here/requirements-spark.txt" | cut -d' ' -f1)"
    if [ "$(cat "$spark_stamp" 2>/dev/null || true)" != "$spark_want" ]; then
        step "installing Spark (PUTOKAZ_SPARK=1)"
        "$py" -m pip install --quiet -r "$here/requirements-spark.txt"
        echo "$spark_want" > "$spark_stamp"
    fi
fi

step "building and installing the package (pip install ./python)"
# No build isolation: maturin is already in the venv, and cargo's target directory is
# reused between runs, so an unchanged engine is not rebuilt.
(cd "$repo" && "$py" -m pip install --quiet --no-build-isolation --no-deps --force-reinstall ./python)

# The CLI, for the test that the JSON is byte-identical across languages.
if command -v cargo >/dev/null 2>&1; then
    step "building the CLI (for the cross-language comparison)"
    (cd "$repo" && cargo build --quiet -p putokaz-cli)
    export PUTOKAZ_CLI="$repo/target/debug/putokaz"
fi

# Run from outside the source tree, so that `import putokaz` finds the installed package
# (python/putokaz has no compiled module).
cd "$build"
step "checking the stubs against the built module (mypy stubtest)"
"$py" -m mypy.stubtest putokaz._native --mypy-config-file "$repo/python/pyproject.toml"

step "pytest"
export JUPYTER_PLATFORM_DIRS=1
exec "$venv/bin/pytest" -c "$repo/python/pyproject.toml" --rootdir "$repo/python" -p no:cacheprovider "$repo/python/tests" "$@"
