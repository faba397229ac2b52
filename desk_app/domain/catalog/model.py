"""Service-item records of the catalog (implementation list / service guide) as frozen dataclasses.

Values stay as the catalog wrote them (limits as text such as "5个工作日", enumerations as codes that
may be wrong), because the lint rules Q1–Q13 must be able to see and name a bad value; parsing helpers
below turn them into numbers where the program needs numbers. docs/catalog-format.md describes every
field and its XLSX column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMAT_VERSION = 1

# item_type (办件类型)
INSTANT, PROMISED = "instant", "promised"
ITEM_TYPES = {INSTANT: "即办件", PROMISED: "承诺件"}

# exercise_level (行使层级) and its code, the 19th character of the implementation code (Q11)
LEVELS = {"national": "国家级", "provincial": "省级", "municipal": "市级", "county": "县级",
          "township": "镇（乡、街道）级", "village": "村（社区）级"}
LEVEL_CODES = {"national": "1", "provincial": "2", "municipal": "3", "county": "4",
               "township": "5", "village": "6"}

# material_type (材料类型) and form (材料形式), Q9
MATERIAL_TYPES = {"original": "原件", "copy": "复印件", "original_and_copy": "原件和复印件",
                  "original_or_copy": "原件或复印件"}
MATERIAL_FORMS = {"paper": "纸质", "physical": "实物", "electronic": "电子",
                  "paper_and_electronic": "纸质和电子"}
PAPER_FORMS = {"paper", "paper_and_electronic"}
ELECTRONIC_FORMS = {"electronic", "paper_and_electronic"}

# source_channel (来源渠道), Q8
SOURCE_CHANNELS = {"applicant": "申请人自备", "government": "政府部门核发",
                   "intermediary": "中介机构或法定机构产生", "other": "其他"}

# online_depth (网办深度), Q12: eight cumulative levels
ONLINE_DEPTHS = {1: "互联网咨询", 2: "互联网收件", 3: "互联网预审", 4: "互联网受理", 5: "互联网办理",
                 6: "互联网办理结果信息反馈", 7: "互联网电子证照反馈", 8: "其他"}

# Sectors used by the sample catalog and the guide desk's filter (free text in the format).
SECTORS = ("市场监管", "社会保障", "住房公积金", "不动产登记", "户籍管理", "民政", "卫生健康")

_LIMIT = re.compile(r"^(\d+)\s*个?工作日$")
ON_THE_SPOT = "当场"


def parse_limit(text: str | None) -> int | None:
    """Working days of a limit written "N个工作日" / "N工作日" / "当场" (0); None when not in that form."""
    value = (text or "").strip()
    if value == ON_THE_SPOT:
        return 0
    m = _LIMIT.match(value)
    return int(m.group(1)) if m else None


def format_limit(days: int) -> str:
    return ON_THE_SPOT if days == 0 else f"{days}个工作日"


@dataclass(frozen=True)
class MaterialRecord:
    """A material (申请材料) the applicant must bring, with the catalog's requirements for it."""

    name: str
    material_type: str = "original"  # MATERIAL_TYPES key
    form: str = "paper"  # MATERIAL_FORMS key
    copies: int = 1
    paper_size: str = "A4"  # 纸质材料规格; required for paper forms
    source_channel: str = "applicant"  # SOURCE_CHANNELS key
    source_explanation: str = ""  # 来源渠道说明: where to get it / which level and department / qualification
    issuing_body: str = ""  # 出具单位, shown on the one-time notice
    required: bool = True  # 必要性: required, or only "if applicable"
    deferrable: bool = False  # 容缺受理 allowed for this material
    commitment_allowed: bool = False  # 告知承诺 allowed instead of this material
    requirements: str = ""  # 填报要求 / 受理标准 for this material
    remarks: str = ""


@dataclass(frozen=True)
class HandlingStep:
    """One step of the handling flow (办理流程) or business flow (业务流程)."""

    name: str
    limit: str  # "N个工作日" or "当场"
    approval_standard: str = ""  # 审批标准
    role: str = ""  # 办理人员 / 岗位


@dataclass(frozen=True)
class ServiceItemRecord:
    """One service item (事项) of the implementation list, with everything DOMAIN.md lists."""

    item_code: str  # 实施编码
    name: str  # 事项名称
    department: str  # 实施主体
    exercise_level: str  # 行使层级 (LEVELS key)
    item_type: str  # 办件类型 (ITEM_TYPES key)
    legal_limit: str  # 法定办结时限, "N个工作日" / "当场"
    promised_limit: str  # 承诺办结时限
    sector: str = ""  # 所属领域
    basic_code: str = ""  # 基本编码
    service_object: str = ""  # 服务对象: 自然人 / 法人 / 自然人、法人
    legal_basis: str = ""  # 设定依据
    acceptance_conditions: str = ""  # 受理条件
    fee_charged: bool = False  # 是否收费
    fee_standard: str = ""  # 收费标准
    fee_basis: str = ""  # 收费依据
    reduction_allowed: bool = False  # 是否允许减免
    reduction_basis: str = ""  # 允许减免依据
    onsite_visits: int = 1  # 到办事现场次数
    onsite_reason: str = ""  # 现场办理原因说明 (必填 when onsite_visits > 0)
    online: bool = False  # 是否网办
    fully_online: bool = False  # 是否全程网办
    online_depth: tuple[int, ...] = ()  # 网办深度: selected levels of ONLINE_DEPTHS
    has_running_system: bool = False  # 是否存在运行系统
    self_built_system: bool = False  # 是否自建系统
    online_address: str = ""  # 网办地址
    result_name: str = ""  # 办理结果 (licence / certificate name)
    delivery_methods: tuple[str, ...] = ()  # 送达方式: 窗口领取 / 邮寄 / 电子送达 / 自助打印
    location: str = ""  # 办理地点
    enquiry_phone: str = ""  # 咨询电话
    # Where a rejection decision tells the applicant to seek review and to sue, when this item's answer
    # differs from the hall's (e.g. vertically managed tax or customs items are reviewed upwards).
    review_body: str = ""  # 复议机关
    court: str = ""  # 人民法院 (诉讼管辖法院)
    materials: tuple[MaterialRecord, ...] = ()
    handling_steps: tuple[HandlingStep, ...] = ()  # 办理流程 (申请、受理、办结)
    business_steps: tuple[HandlingStep, ...] = ()  # 业务流程 (受理、审查、决定、制证发证), optional
    source: str = field(default="", compare=False)  # where the record was read ("第3个事项", "事项表第5行")

    @property
    def legal_limit_days(self) -> int | None:
        return parse_limit(self.legal_limit)

    @property
    def promised_limit_days(self) -> int | None:
        return parse_limit(self.promised_limit)

    @property
    def is_instant(self) -> bool:
        return self.item_type == INSTANT


@dataclass(frozen=True)
class Catalog:
    """A whole catalog file: format version, the publisher's catalog version and the items."""

    catalog_version: str
    items: tuple[ServiceItemRecord, ...]
    format_version: int = FORMAT_VERSION
    published_by: str = ""
    published_at: str = ""


@dataclass(frozen=True)
class ItemSummary:
    """A search hit: enough for the guide desk's list."""

    item_code: str
    name: str
    department: str
    sector: str
    item_type: str
    promised_limit_days: int | None
