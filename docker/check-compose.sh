#!/usr/bin/env bash
# Checks docker-compose.yml without a Docker engine (nothing is pulled, built or started):
#   1. the compose file is valid: `docker compose config -q` (Compose v2), else `docker-compose config -q`
#      (v1, e.g. Debian's package), else a plain YAML parse with python3 (weakest; says so);
#   2. every path it builds from or bind-mounts exists (variables resolved with their defaults or the
#      current environment: try SNAPSHOT_DIR=... SNAPSHOT_FILE=...), every named volume is declared,
#      and a command argument inside a bind mount (the replayer's --input) exists on the host;
#   3. every file the Dockerfiles COPY exists in the build context, exactly once where it is copied to a
#      fixed name, and is not hidden by the Dockerfile's own .dockerignore (the jars: run
#      `mvn -Pdist -DskipTests package` first, or pass --no-build-outputs to skip files under target/);
#      a jar older than a pom or main source file gets a warning (stale build).
#
#   docker/check-compose.sh [--no-build-outputs] [COMPOSE_FILE]     (default: docker-compose.yml)
# Exit status 0 when everything checked passes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
check_build_outputs=1
compose_file="docker-compose.yml"
for arg in "$@"; do
  case "$arg" in
    --no-build-outputs) check_build_outputs=0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) compose_file="$arg" ;;
  esac
done
cd "$root"
[ -f "$compose_file" ] || { echo "check-compose: $compose_file not found in $root" >&2; exit 2; }

status=0

# --- 1. validity ---------------------------------------------------------------------------------
if docker compose version >/dev/null 2>&1; then
  validator="docker compose (v2)"
  docker compose -f "$compose_file" config -q || status=1
elif command -v docker-compose >/dev/null 2>&1; then
  validator="docker-compose $(docker-compose version --short 2>/dev/null || echo v1)"
  docker-compose -f "$compose_file" config -q || status=1
elif command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
  validator="python3 yaml (syntax only: no Compose schema check)"
  python3 -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]))' "$compose_file" || status=1
else
  echo "check-compose: no docker compose, docker-compose or python3+yaml: cannot validate $compose_file" >&2
  exit 2
fi
if [ "$status" -eq 0 ]; then
  echo "ok    $compose_file is valid ($validator)"
else
  echo "FAIL  $compose_file is not valid ($validator)"
fi

# --- 2 and 3. paths ------------------------------------------------------------------------------
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
  echo "check-compose: python3 with PyYAML is needed for the path checks; skipped" >&2
  exit 2
fi

python3 - "$compose_file" "$check_build_outputs" <<'PY' || status=1
import fnmatch, glob, os, re, shlex, sys
import yaml

compose_file, check_outputs = sys.argv[1], sys.argv[2] == "1"
failures = 0

def ok(msg):
    print(f"ok    {msg}")

def fail(msg):
    global failures
    failures += 1
    print(f"FAIL  {msg}")

VAR = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")

def interpolate(value):
    """Compose-style ${VAR}, ${VAR:-default}, ${VAR-default}, $VAR and $$, from the environment."""
    def sub(m):
        if m.group(0) == "$$":
            return "$"
        name = m.group(1) or m.group(4)
        op, default = m.group(2), m.group(3)
        current = os.environ.get(name)
        if op == ":-" and not current:
            return default
        if op == "-" and current is None:
            return default
        return current or ""
    return VAR.sub(sub, value) if isinstance(value, str) else value

def is_path(source):
    return source.startswith((".", "/", "~"))

def resolve(path, base="."):
    return os.path.normpath(os.path.join(base, os.path.expanduser(path)))

def dockerignore_allows(ignore_file, rel):
    """Enough of .dockerignore for the files here: last matching pattern wins, '!' re-includes."""
    allowed = True
    for line in open(ignore_file):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        pattern = line[1:] if negate else line
        if fnmatch.fnmatch(rel, pattern) or rel.startswith(pattern.rstrip("/") + "/"):
            allowed = negate
    return allowed

def newest_source_after(mtime):
    """A reactor pom or main source file changed after mtime (so the jar may be stale), or None."""
    for top, dirs, files in os.walk("."):
        dirs[:] = [d for d in dirs if d not in (".git", "target", "data", "docker", "dashboards")]
        for f in files:
            path = os.path.join(top, f)
            if (f == "pom.xml" or "/src/main/" in path) and os.path.getmtime(path) > mtime:
                return os.path.relpath(path, ".")
    return None

def check_dockerfile(service, context, dockerfile):
    ignore = dockerfile + ".dockerignore"
    if not os.path.exists(ignore):
        ignore = os.path.join(context, ".dockerignore")
    lines = open(dockerfile).read().replace("\\\n", " ").splitlines()
    for line in lines:
        words = shlex.split(line, comments=True) if line.strip() else []
        if not words or words[0].upper() not in ("COPY", "ADD"):
            continue
        args = [w for w in words[1:] if not w.startswith("--")]
        if any(w.startswith("--from") for w in words[1:]) or len(args) < 2:
            continue
        sources, dest = args[:-1], args[-1]
        for src in sources:
            matches = sorted(glob.glob(os.path.join(context, src)))
            rel_src = os.path.relpath(os.path.join(context, src), ".")
            if "/target/" in f"/{src}" and not check_outputs:
                print(f"skip  {service}: COPY {src} (build output, --no-build-outputs)")
                continue
            if not matches:
                hint = " (run: mvn -Pdist -DskipTests package)" if "/target/" in f"/{src}" else ""
                fail(f"{service}: COPY source {rel_src} does not exist{hint}")
                continue
            if len(matches) > 1 and not dest.endswith("/"):
                fail(f"{service}: COPY {src} matches {len(matches)} files but copies to one name {dest}: "
                     + ", ".join(os.path.relpath(m, '.') for m in matches))
                continue
            for m in matches:
                rel = os.path.relpath(m, context)
                if os.path.exists(ignore) and not dockerignore_allows(ignore, rel):
                    fail(f"{service}: COPY source {rel} is excluded by {os.path.relpath(ignore, '.')}")
                else:
                    ok(f"{service}: COPY source {os.path.relpath(m, '.')}")
                if "/target/" in f"/{src}":
                    newer = newest_source_after(os.path.getmtime(m))
                    if newer:
                        print(f"warn  {service}: {os.path.relpath(m, '.')} is older than {newer}: "
                              "rebuild with mvn -Pdist -DskipTests package")

doc = yaml.safe_load(open(compose_file))
declared_volumes = set((doc.get("volumes") or {}).keys())
base = os.path.dirname(os.path.abspath(compose_file))
seen_builds = set()

for name, svc in (doc.get("services") or {}).items():
    build = svc.get("build")
    if build is not None:
        if isinstance(build, str):
            build = {"context": build}
        context = resolve(interpolate(build.get("context", ".")), base)
        dockerfile = resolve(interpolate(build.get("dockerfile", "Dockerfile")), context)
        if not os.path.isdir(context):
            fail(f"{name}: build context {context} is not a directory")
        elif not os.path.isfile(dockerfile):
            fail(f"{name}: Dockerfile {os.path.relpath(dockerfile, '.')} does not exist")
        else:
            ok(f"{name}: build {os.path.relpath(dockerfile, '.')} (context {os.path.relpath(context, '.')})")
            if (context, dockerfile) not in seen_builds:
                seen_builds.add((context, dockerfile))
                check_dockerfile(name, context, dockerfile)
    binds = {}  # container path -> host path
    for volume in svc.get("volumes") or []:
        if isinstance(volume, str):
            parts = interpolate(volume).split(":")
            source, kind = parts[0], ("bind" if is_path(parts[0]) else "volume")
            target = parts[1] if len(parts) > 1 else None
            if len(parts) == 1:
                continue  # anonymous volume
        else:
            source, kind = interpolate(volume.get("source", "")), volume.get("type", "volume")
            target = volume.get("target")
        if kind == "bind":
            path = resolve(source, base)
            binds[target] = path
            if os.path.exists(path):
                ok(f"{name}: mounts {os.path.relpath(path, '.')}")
            else:
                fail(f"{name}: bind-mount source {source} ({path}) does not exist")
        elif kind == "volume":
            if source in declared_volumes:
                ok(f"{name}: volume {source} (declared)")
            else:
                fail(f"{name}: named volume {source} is not declared under top-level volumes")

    # A command argument inside a bind mount (e.g. the replayer's --input /data/FILE) must exist on the host.
    command = svc.get("command")
    for arg in command if isinstance(command, list) else []:
        arg = interpolate(str(arg))
        for target, host in binds.items():
            if target and os.path.isdir(host) and arg.startswith(target.rstrip("/") + "/"):
                path = os.path.join(host, arg[len(target.rstrip("/")) + 1:])
                if os.path.exists(path):
                    ok(f"{name}: command argument {arg} = {os.path.relpath(path, '.')}")
                else:
                    fail(f"{name}: command argument {arg} not found on the host at {path}")

print(f"{'ok   ' if failures == 0 else 'FAIL '} path checks: {failures} failure(s)")
sys.exit(1 if failures else 0)
PY

exit "$status"
