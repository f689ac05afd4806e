# Sourced by scripts/conformance.sh and scripts/gen_specs.sh: the pinned tccli release and
# its wheel, downloaded once with pip into .cache/tccli (git-ignored). Expects $root (the
# repository); sets tccli_version, cache, unpacked (where files are extracted) and wheel.
tccli_version=3.1.189.1
cache=$root/.cache/tccli
unpacked=$cache/$tccli_version

mkdir -p "$cache"
wheel=$(ls "$cache"/tccli-"$tccli_version"-*.whl 2>/dev/null | head -n 1 || true)
if [ -z "$wheel" ]; then
    python3 -m pip download --quiet --disable-pip-version-check --no-deps \
        "tccli==$tccli_version" -d "$cache"
    wheel=$(ls "$cache"/tccli-"$tccli_version"-*.whl | head -n 1)
fi
