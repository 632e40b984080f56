# AppCDS archives for Stepwise's launchers. Sourced, never run: by bin/stepwise-runner (the Java
# runner's plugin folder) and by the repository's scripts/stepwise (the host CLI). POSIX sh, and safe
# under bash's `set -euo pipefail`. Like the launchers it is written to start fast: builtins only,
# except one `readlink` and one `cksum` pipeline per launch, and `mv`/`mkdir` on a first launch.
#
# JDK 17 has no -XX:+AutoCreateSharedArchive (JDK 19+), so the launchers do it themselves: the first
# launch dumps the classes it loaded (-XX:ArchiveClassesAtExit) and later launches map them
# (-XX:SharedArchiveFile), read pre-parsed and pre-verified instead of from the jars.
#
#   stepwise_appcds NAME JAVA PATH...
#
# sets STEPWISE_APPCDS_OPTION to the one JVM option to add, or to nothing:
#   -XX:SharedArchiveFile=ARCHIVE             the archive exists: map it
#   -XX:ArchiveClassesAtExit=ARCHIVE.PID.tmp  there is none yet: this JVM writes one when it exits
#   (empty)                                   STEPWISE_CDS=off, another launch is writing the archive
#                                             right now, or the archive folder cannot be written
#
#   NAME  what is launched, with its version (stepwise-runner-0.1.0): the start of the archive's name
#   JAVA  the java the caller will exec; its resolved path and its JDK's `release` file are part of
#         the key, so another JDK gets an archive of its own
#   PATH  the class path's jars and folders; each path and its entries' names, sizes and modification
#         times (to the nanosecond with GNU stat, else `ls -ln`) are part of the key, so a reinstalled or rebuilt class path gets a new archive instead of
#         one the JVM would refuse to map (a refused archive is silently ignored under -Xshare:auto)
#
# The archive is NAME-WHERE-WHAT.jsa: WHERE checksums the locations (java, PATHs), WHAT the content
# (release file, listings). When an installation dumps a new archive, its archives with another
# WHAT (and their finished dumps) are deleted, so rebuilds and reinstalls do not pile up archives.
#
# The caller must `exec` java from the shell that called this function: the dump's name carries $$,
# and a later launch tells a finished dump from one in progress by whether that pid is alive.
#
# Environment: STEPWISE_CDS=off (no archive); STEPWISE_CDS_DIR, the archive folder (default
# $XDG_CACHE_HOME/stepwise, else ~/.cache/stepwise).
#
# POSIX sh has no `local`: every variable the function uses starts with _stepwise_cds_, so a caller's
# variables are never overwritten.

stepwise_appcds() {
  STEPWISE_APPCDS_OPTION=
  if [ "${STEPWISE_CDS:-}" = off ]; then
    return 0
  fi
  if [ -n "${STEPWISE_CDS_DIR:-}" ]; then
    _stepwise_cds_dir=$STEPWISE_CDS_DIR
  elif [ -n "${XDG_CACHE_HOME:-}" ]; then
    _stepwise_cds_dir=$XDG_CACHE_HOME/stepwise
  else
    _stepwise_cds_dir=${HOME:-/tmp}/.cache/stepwise
  fi
  _stepwise_cds_name=$1
  _stepwise_cds_java=$(readlink -f "$2" 2>/dev/null) || _stepwise_cds_java=$2
  shift 2

  # The archive's name holds two checksums. WHERE: the resolved java and the class path's entries,
  # which name one installation. WHAT: the JDK's release file and each entry's listing, which name
  # its content. A missing file or folder still gives a key (its path alone); `|| :` keeps a caller
  # under `set -e -o pipefail` alive when it is missing. One command substitution for both.
  _stepwise_cds_keys=$( {
    {
      echo "$_stepwise_cds_java"
      for _stepwise_cds_path in "$@"; do
        echo "$_stepwise_cds_path"
      done
    } | cksum
    {
      cat "${_stepwise_cds_java%/bin/java}/release" 2>/dev/null || :
      # Sizes and modification times to the nanosecond (GNU stat); `ls -ln` shows times to the
      # minute only, so a jar rebuilt within the minute at the same size would keep the old key and
      # the JVM would silently refuse the stale archive. Other systems' stat: ls.
      for _stepwise_cds_path in "$@"; do
        if [ -d "$_stepwise_cds_path" ]; then
          stat -c '%n %s %.9Y' "$_stepwise_cds_path"/* 2>/dev/null || ls -ln "$_stepwise_cds_path" 2>/dev/null || :
        else
          stat -c '%n %s %.9Y' "$_stepwise_cds_path" 2>/dev/null || ls -ln "$_stepwise_cds_path" 2>/dev/null || :
        fi
      done
    } | cksum
  } ) || :
  _stepwise_cds_where=${_stepwise_cds_keys%% *}
  _stepwise_cds_what=${_stepwise_cds_keys#*
}
  _stepwise_cds_what=${_stepwise_cds_what%% *}
  _stepwise_cds_installation=$_stepwise_cds_dir/$_stepwise_cds_name-$_stepwise_cds_where
  _stepwise_cds_archive=$_stepwise_cds_installation-$_stepwise_cds_what.jsa

  # A first launch dumps to "<archive>.<pid>.tmp" at exit (exec keeps the pid, so it is the JVM's
  # own). A later launch renames a finished dump (its pid is gone) to the archive's name; rename is
  # atomic, so concurrent launches (parallel streams, several CLI commands) never map a half-written
  # archive. While another launch is still dumping, this one runs without AppCDS and dumps nothing.
  _stepwise_cds_dumping=
  if [ ! -f "$_stepwise_cds_archive" ]; then
    for _stepwise_cds_tmp in "$_stepwise_cds_archive".*.tmp; do
      [ -f "$_stepwise_cds_tmp" ] || continue
      if stepwise_appcds_in_progress "$_stepwise_cds_tmp"; then
        _stepwise_cds_dumping=yes
      elif stepwise_appcds_complete "$_stepwise_cds_tmp"; then
        mv -f "$_stepwise_cds_tmp" "$_stepwise_cds_archive" 2>/dev/null || :
      else
        # Its JVM was killed while writing it: adopted, the JVM would ignore it without a word and
        # this installation would never dump again. This launch dumps a new one instead.
        rm -f "$_stepwise_cds_tmp" 2>/dev/null || :
      fi
    done
  fi
  if [ -f "$_stepwise_cds_archive" ]; then
    STEPWISE_APPCDS_OPTION=-XX:SharedArchiveFile=$_stepwise_cds_archive
  elif [ -z "$_stepwise_cds_dumping" ] && mkdir -p "$_stepwise_cds_dir" 2>/dev/null && [ -w "$_stepwise_cds_dir" ]; then
    STEPWISE_APPCDS_OPTION=-XX:ArchiveClassesAtExit=$_stepwise_cds_archive.$$.tmp
    # A new archive for this installation: the ones its earlier content made (every rebuild or
    # reinstall makes one, 20 MB or so) are of no use any more, nor are dumps their JVMs left. Only
    # this installation's: another folder or JDK has another WHERE. A JVM still mapping a deleted
    # archive keeps it until it exits.
    for _stepwise_cds_old in "$_stepwise_cds_installation"-*.jsa "$_stepwise_cds_installation"-*.jsa.*.tmp; do
      case "$_stepwise_cds_old" in
        "$_stepwise_cds_archive"*) continue ;;
        *.tmp)
          if stepwise_appcds_in_progress "$_stepwise_cds_old"; then
            continue
          fi
          ;;
      esac
      [ -f "$_stepwise_cds_old" ] && rm -f "$_stepwise_cds_old" 2>/dev/null || :
    done
  fi
  return 0
}

# Whether the JVM writing the dump "<archive>.<pid>.tmp" is still running (its pid is in the name).
stepwise_appcds_in_progress() {
  _stepwise_cds_pid=${1%.tmp}
  _stepwise_cds_pid=${_stepwise_cds_pid##*.}
  kill -0 "$_stepwise_cds_pid" 2>/dev/null
}

# Whether a finished dump is whole. The JVM writes a dynamic archive's header, which starts with
# its magic number 0xf00baba8, after everything else; a dump cut short has zeros there. Without
# `od`, a dump counts as whole.
stepwise_appcds_complete() {
  command -v od >/dev/null 2>&1 || return 0
  case "$(od -An -tx1 -N4 "$1" 2>/dev/null)" in
    *"a8 ab 0b f0"* | *"f0 0b ab a8"*) return 0 ;;
    *) return 1 ;;
  esac
}
