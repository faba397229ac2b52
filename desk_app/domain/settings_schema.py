"""The one schema of local settings: key, default and description; anything not listed here is refused."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


UI_LANGUAGES = ("zh_CN", "en")  # the values of ui.language; zh_CN, the source language of the screens, first


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    description: str  # Chinese: shown in the settings page


SCHEMA: dict[str, SettingSpec] = {s.key: s for s in [
    SettingSpec("window.number", 1, "本机所在窗口号"),
    SettingSpec("window.function_keys", {"call_next": "F1", "recall": "F2", "no_show": "F3",
                                         "transfer": "F4", "hold": "F5", "pause": "F6",
                                         "start_service": "F7", "finish": "F8"},
                "窗口操作快捷键"),
    SettingSpec("queue.recall_cap", 3, "同一号码最多重呼次数，超过后按过号处理"),
    SettingSpec("queue.priority_policy", "interleave:3", "绿色通道策略：strict（严格优先）或 interleave:N（每 N 个普通号插 1 个优先号）"),
    SettingSpec("queue.priority_groups", [["elderly", "老年人"], ["disabled", "残疾人"], ["military", "现役军人"],
                                          ["pregnant", "孕妇"]],
                "绿色通道人群（代码、名称），可按本大厅规定增减"),
    SettingSpec("queue.appointment_early_min", 30, "预约最早可提前签到的分钟数"),
    SettingSpec("queue.appointment_late_min", 15, "预约迟到多少分钟后按普通号排队"),
    SettingSpec("queue.appointment_hours", "09:00-12:00,13:30-17:00", "可预约的时间段（多段用逗号分开）"),
    SettingSpec("queue.appointment_slot_min", 30, "每个预约时段的分钟数"),
    SettingSpec("queue.appointment_capacity", 4, "每个业务类别每个时段最多预约人数"),
    SettingSpec("queue.appointment_days_ahead", 7, "最多可提前几天预约"),
    SettingSpec("display.screen", "", "大厅叫号屏所在显示器名称（空：第二块屏幕）"),
    SettingSpec("display.notice", "请携带身份证原件，按号码顺序办理业务。", "大厅屏滚动通知"),
    SettingSpec("applicant.screen", "", "评价屏所在显示器名称（空：第二块屏幕）"),
    SettingSpec("voice.enabled", True, "语音叫号"),
    SettingSpec("ui.language", UI_LANGUAGES[0], "界面语言：zh_CN（中文）或 en（English），下次启动程序时生效"),
    SettingSpec("printing.printers", {}, "每种文书使用的打印机（文书种类 → 打印机名称）"),
    SettingSpec("printing.transport", "system", "文书打印方式：system（本机打印系统：Linux 为 CUPS，Windows 为打印队列）"
                "或 folder（保存为 PDF 文件到文件夹，演示用）"),
    SettingSpec("printing.folder", "", "folder 方式保存文书 PDF 的文件夹（空：数据目录下的 printed）"),
    SettingSpec("printing.status_delay_s", 5, "文书送出后等待多少秒再向打印机询问一次结果（无回答即“状态未知”）"),
    SettingSpec("printing.ticket_width_mm", 80, "热敏小票纸宽（58 或 80 毫米）"),
    SettingSpec("sync.server_url", "", "desk-central 服务器地址（空：单机运行）"),
    SettingSpec("sync.ca_file", "", "服务器 CA 证书文件（PEM；空：只信任系统证书库）"),
    SettingSpec("devices", {}, "外设配置（串口、设备名称等）"),
    SettingSpec("overview.long_wait_min", 30, "值班长提醒：等候超过多少分钟"),
    SettingSpec("overview.pause_min", 15, "值班长提醒：窗口暂停超过多少分钟"),
    SettingSpec("overview.offline_min", 5, "值班长提醒：本机或本厅其他电脑与中心服务器断开超过多少分钟"),
    SettingSpec("overview.clock_drift_s", 60, "值班长提醒：本机或本厅其他电脑的时钟与服务器相差超过多少秒"),
    SettingSpec("security.password_min_length", 10, "密码最短长度"),
    SettingSpec("security.password_min_classes", 3, "密码至少包含几类字符（小写、大写、数字、符号，1-4）"),
    SettingSpec("security.password_expiry_days", 90, "密码有效期（天，0 为永不过期）"),
    SettingSpec("security.lockout_failures", 5, "连续输错几次密码后锁定账号（本机计数）"),
    SettingSpec("security.lockout_minutes", 15, "账号锁定时长（分钟）"),
    SettingSpec("privacy.retention_years", 10, "办结多少年后删除办件中的个人信息（姓名、身份证号、电话；办件记录保留）"),
    SettingSpec("security.idle_lock_minutes", 5, "无操作多少分钟后锁屏（隐藏个人信息，叫号照常；0 为不锁屏）"),
]}


def default_settings() -> dict[str, Any]:
    return {k: s.default for k, s in SCHEMA.items()}
