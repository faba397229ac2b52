; Inno Setup script for the Windows installer. Build on Windows after `pyinstaller build.spec`:
;   iscc packaging\windows\desk-app.iss        (output: dist\desk-app-setup-<version>.exe)
; It could not be built on the Linux development machine (Inno Setup runs on Windows only).
#define AppVersion GetVersionNumbersString("..\..\dist\desk-app\desk-app.exe")

[Setup]
AppId={{6F1C2E0A-5B7D-4C36-9D8E-2A4B1F0C7E31}
AppName=政务服务中心前台系统
AppVersion={#AppVersion}
AppPublisher=desk_app
DefaultDirName={autopf}\desk-app
DefaultGroupName=政务服务中心前台系统
OutputDir=..\..\dist
OutputBaseFilename=desk-app-setup-{#AppVersion}
SetupIconFile=..\..\resources\icons\desk-app.ico
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
UninstallDisplayIcon={app}\desk-app.exe

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\desk-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\政务服务中心前台系统"; Filename: "{app}\desk-app.exe"; Parameters: "run"
Name: "{group}\叫号屏"; Filename: "{app}\desk-app.exe"; Parameters: "display"
Name: "{group}\演示大厅"; Filename: "{app}\desk-app.exe"; Parameters: "demo"
Name: "{autodesktop}\政务服务中心前台系统"; Filename: "{app}\desk-app.exe"; Parameters: "run"; Tasks: desktopicon

[Run]
Filename: "{app}\desk-app.exe"; Parameters: "run"; Description: "{cm:LaunchProgram,政务服务中心前台系统}"; Flags: nowait postinstall skipifsilent
