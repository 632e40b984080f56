#!/usr/bin/env bash
# Shared helpers for the scripts in this folder. Source it; do not run it.
# Everything a script needs is installed here from Maven Central, Debian or npm, and only when missing.

STEPWISE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STEPWISE_TOOLS="$STEPWISE_ROOT/.tools"

# Maven 3.9 is required by the pinned plugins. Debian ships 3.8, so a pinned 3.9 distribution is
# fetched from Maven Central (where Apache publishes it) and verified against its SHA-512.
STEPWISE_MAVEN_VERSION="3.9.16"
STEPWISE_MAVEN_SHA512="831a8591fe20c8243b1dbe7d71e3244f31d1665b0804b2e825e38cbbe5ce0cafb8338851f90780735568773e0a6cd07bbec107cda0b896b008b861075358b6f6"
STEPWISE_MAVEN_CENTRAL="${STEPWISE_MAVEN_CENTRAL:-https://repo.maven.apache.org/maven2}"

say() { printf '[stepwise] %s\n' "$*" >&2; }
die() { printf '[stepwise] ERROR: %s\n' "$*" >&2; exit 1; }

# Prints the path of a Maven 3.9+ executable, installing the pinned one when needed.
ensure_maven() {
  local system_mvn v=""
  system_mvn="$(command -v mvn || true)"
  if [[ -n "$system_mvn" ]]; then
    v="$("$system_mvn" -B -v 2>/dev/null | grep -o 'Apache Maven [0-9.]*' | head -1 | cut -d' ' -f3)"
    if [[ "$v" =~ ^3\.(9|[1-9][0-9])\. || "$v" =~ ^[4-9]\. ]]; then
      echo "$system_mvn"
      return
    fi
  fi
  local home="$STEPWISE_TOOLS/apache-maven-$STEPWISE_MAVEN_VERSION"
  if [[ ! -x "$home/bin/mvn" ]]; then
    command -v curl >/dev/null || die "curl is needed to fetch Maven $STEPWISE_MAVEN_VERSION"
    say "installing Maven $STEPWISE_MAVEN_VERSION into $STEPWISE_TOOLS (system Maven is ${v:-missing})"
    mkdir -p "$STEPWISE_TOOLS"
    local archive="$STEPWISE_TOOLS/apache-maven-$STEPWISE_MAVEN_VERSION-bin.tar.gz"
    curl -fsSL --retry 3 -o "$archive.part" \
      "$STEPWISE_MAVEN_CENTRAL/org/apache/maven/apache-maven/$STEPWISE_MAVEN_VERSION/apache-maven-$STEPWISE_MAVEN_VERSION-bin.tar.gz" \
      || die "could not download Maven $STEPWISE_MAVEN_VERSION from Maven Central"
    echo "$STEPWISE_MAVEN_SHA512  $archive.part" | sha512sum -c --quiet - >&2 \
      || die "Maven $STEPWISE_MAVEN_VERSION archive failed its SHA-512 check"
    mv "$archive.part" "$archive"
    tar -xzf "$archive" -C "$STEPWISE_TOOLS" || die "could not unpack $archive"
    rm -f "$archive"
  fi
  echo "$home/bin/mvn"
}

# Installs Debian packages that are missing. Arguments: package names.
ensure_apt_packages() {
  local missing=()
  local p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [[ ${#missing[@]} -eq 0 ]] && return
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >&2 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# Checks that a JDK 17+ is present, or fails with what to do.
ensure_jdk() {
  command -v javac >/dev/null || die "a JDK 17+ (javac) is required; install openjdk-17-jdk"
  local major
  major="$(javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p')"
  [[ -n "$major" && "$major" -ge 17 ]] || die "JDK 17+ required, found javac $major"
}

# Installs the npm packages pinned by DIR/package.json + package-lock.json into DIR/node_modules (npm ci), when
# node_modules is missing or older than the lock file. Prints what it installs; fails loudly.
ensure_npm_packages() {
  local dir
  dir="$(cd "$1" && pwd)" || die "no such folder: $1"
  command -v npm >/dev/null || ensure_apt_packages nodejs npm
  command -v npm >/dev/null || die "npm is needed for the Cucumber consumer tests in $dir; install nodejs and npm"
  [[ -f "$dir/package-lock.json" ]] || die "$dir/package-lock.json is missing"
  if [[ -f "$dir/node_modules/.package-lock.json" && "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]]; then
    return
  fi
  say "installing npm packages in $dir: $(node -e 'const d=require(process.argv[1]).dependencies;console.log(Object.entries(d).map(([k,v])=>k+"@"+v).join(" "))' "$dir/package.json")"
  (cd "$dir" && npm ci --no-audit --no-fund >&2) || die "npm ci in $dir failed"
}
