# Windows developers' equivalent of dev.sh: .\dev.ps1 demo | .\dev.ps1 test [pytest args]
# Needs Python 3.11+ on the PATH (py launcher or python). Creates .venv and installs the pinned dependencies
# only when pyproject.toml changed. Tests that need PostgreSQL run only when DESK_TEST_PG_URL points at one
# (e.g. postgresql://postgres:secret@127.0.0.1:5432/test); otherwise they are deselected, and the summary says so.
param([Parameter(Position = 0)][ValidateSet("demo", "test")][string]$Command,
      [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest)
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot
if (-not $Command) { Write-Error "usage: .\dev.ps1 demo | .\dev.ps1 test [pytest args]"; exit 2 }

$py = ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
    if (Get-Command py -ErrorAction SilentlyContinue) { py -3 -m venv .venv } else { python -m venv .venv }
}
$want = (Get-FileHash pyproject.toml -Algorithm SHA256).Hash.ToLower()
$stamp = ".venv\.setup-stamp"
if (-not (Test-Path $stamp) -or (Get-Content $stamp) -ne $want) {
    & $py -m pip install -q --upgrade pip
    & $py -m pip install -q -e ".[test]"
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Set-Content $stamp $want
}
# The .qm files are committed (a wheel build has no Qt tools); compiling them again picks up edited .ts files.
& $py tools\translations.py release | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

if ($Command -eq "demo") {
    & ".venv\Scripts\desk-app.exe" demo @Rest
    exit $LASTEXITCODE
}
$env:QT_QPA_PLATFORM = "offscreen"
$marker = @()
if (-not $env:DESK_TEST_PG_URL) {
    Write-Host "DESK_TEST_PG_URL is not set: the PostgreSQL tests are deselected (set it to run them)."
    $marker = @("-m", "not postgres")
}
& $py -m pytest -n 2 @marker @Rest
exit $LASTEXITCODE
