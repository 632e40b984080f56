@echo off
rem Launches the Stepwise Java runner on Windows; see bin/stepwise-runner for what every flag is for.
rem cmd.exe cannot exec, so java runs as a child and its exit code is passed on.
rem   JAVA_HOME                  picks the java to run, else java on PATH
rem   STEPWISE_RUNNER_JAVA_OPTS  extra JVM options, after ours so they win
rem   STEPWISE_CDS_DIR           AppCDS archive folder; default %LOCALAPPDATA%\stepwise
rem   STEPWISE_CDS=off           run without an AppCDS archive
setlocal
set "STEPWISE_VERSION=@stepwise.plugin.version@"
set "PLUGIN_DIR=%~dp0.."
set "JAVA_CMD=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"

rem C1 only, serial GC, no perf-data file, CDS when it maps (never fail because of it).
set "JVM_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"

if /i "%STEPWISE_CDS%"=="off" goto run
set "CDS_DIR=%STEPWISE_CDS_DIR%"
if not defined CDS_DIR set "CDS_DIR=%LOCALAPPDATA%\stepwise"
rem The archive is keyed by runner version and the JDK's version (from its release file), so a JDK
rem change makes a new archive. No atomic hand-over here: an archive that is incomplete or stale
rem is ignored by -Xshare:auto.
set "JDK_KEY=unknown"
if defined JAVA_HOME if exist "%JAVA_HOME%\release" for /f "usebackq tokens=2 delims==" %%v in (`findstr /b "JAVA_VERSION=" "%JAVA_HOME%\release"`) do set "JDK_KEY=%%~v"
set "ARCHIVE=%CDS_DIR%\stepwise-runner-%STEPWISE_VERSION%-java-%JDK_KEY%.jsa"
if exist "%ARCHIVE%" (
  set "JVM_OPTS=%JVM_OPTS% -XX:SharedArchiveFile="%ARCHIVE%""
) else (
  if not exist "%CDS_DIR%" mkdir "%CDS_DIR%" 2>nul
  if exist "%CDS_DIR%" set "JVM_OPTS=%JVM_OPTS% -XX:ArchiveClassesAtExit="%ARCHIVE%""
)

:run
"%JAVA_CMD%" %JVM_OPTS% %STEPWISE_RUNNER_JAVA_OPTS% -cp "%PLUGIN_DIR%\lib\*" dev.stepwise.runner.Main %*
exit /b %ERRORLEVEL%
