#!/usr/bin/env bash
# Builds and installs Citus 13.2.2 (its public source, committed beside this script: Debian ships no
# Citus package and CI can reach only apt and Maven) into Debian's PostgreSQL 15, so the tests can run
# a real distributed PostgreSQL on this machine. Idempotent: does nothing when citus.so is already
# installed. About 5 minutes on 2 cores. Needs root (or sudo) for apt and the install.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pg=/usr/lib/postgresql/15
[ -f "$pg/lib/citus.so" ] && { echo "citus already installed in $pg"; exit 0; }
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "build-citus: needs root or sudo (apt-get, make install)" >&2; exit 1; }
  SUDO="sudo"
fi
echo "$(sha256sum "$here/citus-13.2.2.tar.gz" | cut -d' ' -f1)" | grep -qx dd2453caec20a830e5e63f1def5c5a98cb6f57ae510407cdcd800916fcdab430 \
  || { echo "build-citus: citus-13.2.2.tar.gz is not the committed source (checksum differs)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq postgresql-15 postgresql-server-dev-15 build-essential libcurl4-openssl-dev \
  liblz4-dev libzstd-dev libkrb5-dev libssl-dev libselinux1-dev libxslt1-dev libpam0g-dev libreadline-dev >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
tar -xzf "$here/citus-13.2.2.tar.gz" -C "$work"
cd "$work/citus-13.2.2"
# Debian's PostgreSQL 15.18 and later export have_createdb_privilege(); Citus 13.2.2 defines its own copy for 15.
if grep -q 'extern bool have_createdb_privilege' /usr/include/postgresql/15/server/commands/dbcommands.h; then
  python3 - <<'PY'
p = "src/include/pg_version_compat.h"; s = open(p).read()
i = s.index("static inline bool\nhave_createdb_privilege(void)"); j = s.index("\n}\n", i) + 3
open(p, "w").write(s[:i] + s[j:])
PY
fi
PG_CONFIG="$pg/bin/pg_config" ./configure >/dev/null
make -j"$(nproc)" >/dev/null
$SUDO make install >/dev/null
echo "citus installed in $pg"
