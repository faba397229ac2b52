"""The screen texts of the Chinese labels that domain, devices and services tables hold (Qt-free, so lupdate
cannot see them there): listed here for translation, looked up by ``label()``. tests/ui/test_translations.py checks
that every table's labels are listed."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "Labels"

TEXTS = (
    # domain.intake STATUS_LABELS
    QT_TRANSLATE_NOOP("Labels", "审查中"),
    QT_TRANSLATE_NOOP("Labels", "已一次性告知"),
    QT_TRANSLATE_NOOP("Labels", "已受理"),
    QT_TRANSLATE_NOOP("Labels", "容缺受理"),
    QT_TRANSLATE_NOOP("Labels", "待领取"),
    QT_TRANSLATE_NOOP("Labels", "已送达"),
    QT_TRANSLATE_NOOP("Labels", "即办办结"),
    QT_TRANSLATE_NOOP("Labels", "不予受理(非本部门)"),
    QT_TRANSLATE_NOOP("Labels", "不予受理"),
    # domain.intake MATERIAL_LABELS
    QT_TRANSLATE_NOOP("Labels", "未审查"),
    QT_TRANSLATE_NOOP("Labels", "已收"),
    QT_TRANSLATE_NOOP("Labels", "缺少"),
    QT_TRANSLATE_NOOP("Labels", "有误"),
    QT_TRANSLATE_NOOP("Labels", "容缺"),
    QT_TRANSLATE_NOOP("Labels", "告知承诺"),
    # domain.intake DEFECT_REASONS
    QT_TRANSLATE_NOOP("Labels", "证件已过有效期"),
    QT_TRANSLATE_NOOP("Labels", "字迹或影像不清晰"),
    QT_TRANSLATE_NOOP("Labels", "填写不完整"),
    QT_TRANSLATE_NOOP("Labels", "缺少签字或盖章"),
    QT_TRANSLATE_NOOP("Labels", "信息与其他材料不一致"),
    QT_TRANSLATE_NOOP("Labels", "不符合法定形式"),
    QT_TRANSLATE_NOOP("Labels", "纸张规格不符"),
    QT_TRANSLATE_NOOP("Labels", "份数不足"),
    QT_TRANSLATE_NOOP("Labels", "应提交原件"),
    QT_TRANSLATE_NOOP("Labels", "其他"),
    # domain.intake DELIVERY_METHODS
    QT_TRANSLATE_NOOP("Labels", "窗口领取"),
    QT_TRANSLATE_NOOP("Labels", "邮寄送达"),
    QT_TRANSLATE_NOOP("Labels", "电子送达"),
    QT_TRANSLATE_NOOP("Labels", "自助领取"),
    # domain.rating LEVELS
    QT_TRANSLATE_NOOP("Labels", "非常满意"),
    QT_TRANSLATE_NOOP("Labels", "满意"),
    QT_TRANSLATE_NOOP("Labels", "基本满意"),
    QT_TRANSLATE_NOOP("Labels", "不满意"),
    QT_TRANSLATE_NOOP("Labels", "非常不满意"),
    # domain.rating REASONS
    QT_TRANSLATE_NOOP("Labels", "服务热情周到"),
    QT_TRANSLATE_NOOP("Labels", "办事高效快捷"),
    QT_TRANSLATE_NOOP("Labels", "一次办好"),
    QT_TRANSLATE_NOOP("Labels", "指引清晰明白"),
    QT_TRANSLATE_NOOP("Labels", "环境舒适便利"),
    QT_TRANSLATE_NOOP("Labels", "等候时间较长"),
    QT_TRANSLATE_NOOP("Labels", "流程有待简化"),
    QT_TRANSLATE_NOOP("Labels", "解释不够清楚"),
    QT_TRANSLATE_NOOP("Labels", "服务态度不好"),
    QT_TRANSLATE_NOOP("Labels", "等候时间过长"),
    QT_TRANSLATE_NOOP("Labels", "多次跑动"),
    QT_TRANSLATE_NOOP("Labels", "材料要求不清楚"),
    QT_TRANSLATE_NOOP("Labels", "办理效率低"),
    QT_TRANSLATE_NOOP("Labels", "服务态度恶劣"),
    QT_TRANSLATE_NOOP("Labels", "多次跑动仍未办成"),
    QT_TRANSLATE_NOOP("Labels", "推诿扯皮"),
    QT_TRANSLATE_NOOP("Labels", "超时未办结"),
    QT_TRANSLATE_NOOP("Labels", "一次性告知不到位"),
    QT_TRANSLATE_NOOP("Labels", "违规收费"),
    # domain.reports FIGURE_LABELS
    QT_TRANSLATE_NOOP("Labels", "取号数"),
    QT_TRANSLATE_NOOP("Labels", "办结号数"),
    QT_TRANSLATE_NOOP("Labels", "过号数"),
    QT_TRANSLATE_NOOP("Labels", "转移数"),
    QT_TRANSLATE_NOOP("Labels", "等候时间中位数(分)"),
    QT_TRANSLATE_NOOP("Labels", "等候时间P90(分)"),
    QT_TRANSLATE_NOOP("Labels", "办理时间中位数(分)"),
    QT_TRANSLATE_NOOP("Labels", "办理时间P90(分)"),
    QT_TRANSLATE_NOOP("Labels", "办件数"),
    QT_TRANSLATE_NOOP("Labels", "一次性告知数"),
    QT_TRANSLATE_NOOP("Labels", "一次性告知率"),
    QT_TRANSLATE_NOOP("Labels", "超期办件数"),
    QT_TRANSLATE_NOOP("Labels", "延期办件数"),
    QT_TRANSLATE_NOOP("Labels", "评价数"),
    QT_TRANSLATE_NOOP("Labels", "满意率"),
    QT_TRANSLATE_NOOP("Labels", "差评数"),
    QT_TRANSLATE_NOOP("Labels", "差评整改率"),
    QT_TRANSLATE_NOOP("Labels", "办不成事反映数"),
    # domain.reports OUTCOME_LABELS
    QT_TRANSLATE_NOOP("Labels", "非本部门"),
    QT_TRANSLATE_NOOP("Labels", "一次性告知"),
    QT_TRANSLATE_NOOP("Labels", "受理"),
    # domain.reports DIMENSION_LABELS
    QT_TRANSLATE_NOOP("Labels", "大厅"),
    QT_TRANSLATE_NOOP("Labels", "业务类别"),
    QT_TRANSLATE_NOOP("Labels", "窗口"),
    QT_TRANSLATE_NOOP("Labels", "工作人员"),
    QT_TRANSLATE_NOOP("Labels", "日期"),
    # domain.complaint CATEGORIES
    QT_TRANSLATE_NOOP("Labels", "事项未能办成"),
    QT_TRANSLATE_NOOP("Labels", "要求提供无依据材料"),
    QT_TRANSLATE_NOOP("Labels", "服务态度"),
    QT_TRANSLATE_NOOP("Labels", "系统或设备故障"),
    # domain.complaint STATUS_LABELS
    QT_TRANSLATE_NOOP("Labels", "已登记"),
    QT_TRANSLATE_NOOP("Labels", "办理中"),
    QT_TRANSLATE_NOOP("Labels", "已办结"),
    # domain.roles ROLES
    QT_TRANSLATE_NOOP("Labels", "导办"),
    QT_TRANSLATE_NOOP("Labels", "窗口受理"),
    QT_TRANSLATE_NOOP("Labels", "出件"),
    QT_TRANSLATE_NOOP("Labels", "值班长"),
    QT_TRANSLATE_NOOP("Labels", "系统管理员"),
    # domain.queue DEFAULT_PRIORITY_GROUPS
    QT_TRANSLATE_NOOP("Labels", "老年人"),
    QT_TRANSLATE_NOOP("Labels", "残疾人"),
    QT_TRANSLATE_NOOP("Labels", "现役军人"),
    QT_TRANSLATE_NOOP("Labels", "孕妇"),
    # devices.health KINDS
    QT_TRANSLATE_NOOP("Labels", "扫码枪"),
    QT_TRANSLATE_NOOP("Labels", "高拍仪"),
    QT_TRANSLATE_NOOP("Labels", "扫描仪"),
    QT_TRANSLATE_NOOP("Labels", "评价器"),
    QT_TRANSLATE_NOOP("Labels", "窗口屏"),
    QT_TRANSLATE_NOOP("Labels", "小票打印机"),
    QT_TRANSLATE_NOOP("Labels", "语音播报"),
    # services.supervision ALERT_LABELS
    QT_TRANSLATE_NOOP("Labels", "已超期"),
    QT_TRANSLATE_NOOP("Labels", "即将到期"),
    QT_TRANSLATE_NOOP("Labels", "容缺逾期未补正"),
    # domain.settings_schema (the settings pages' rows)
    QT_TRANSLATE_NOOP("Labels", "密码最短长度"),
    QT_TRANSLATE_NOOP("Labels", "密码至少包含几类字符（小写、大写、数字、符号，1-4）"),
    QT_TRANSLATE_NOOP("Labels", "密码有效期（天，0 为永不过期）"),
    QT_TRANSLATE_NOOP("Labels", "连续输错几次密码后锁定账号（本机计数）"),
    QT_TRANSLATE_NOOP("Labels", "账号锁定时长（分钟）"),
    QT_TRANSLATE_NOOP("Labels", "无操作多少分钟后锁屏（隐藏个人信息，叫号照常；0 为不锁屏）"),
)


def label(text: str) -> str:
    """``text`` in the UI language; a label not listed (a hall's own priority group, say) stays as it is."""
    return QCoreApplication.translate(CONTEXT, text)
