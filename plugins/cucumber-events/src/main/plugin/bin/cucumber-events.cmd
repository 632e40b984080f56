@echo off
rem Launched by Gauge or the Stepwise host with the plugin folder as working directory.
set "DIR=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" %STEPWISE_PLUGIN_JAVA_OPTS% -cp "%DIR%\stepwise-cucumber-events.jar;%DIR%\lib\*" dev.stepwise.plugins.events.CucumberEventsPlugin %*
