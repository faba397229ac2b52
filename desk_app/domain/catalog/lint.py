"""Data-quality rules Q1–Q13 (seed 004, appendix 2; DOMAIN.md) and R1 (review body and court) for service items."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from desk_app.domain.catalog.model import (
    ELECTRONIC_FORMS, INSTANT, ITEM_TYPES, LEVEL_CODES, LEVELS, MATERIAL_FORMS, MATERIAL_TYPES,
    ONLINE_DEPTHS, PAPER_FORMS, SOURCE_CHANNELS, HandlingStep, MaterialRecord, ServiceItemRecord, parse_limit,
)

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    """One broken rule: which item, which field, which rule, how bad, and a Chinese message."""

    item_code: str
    field: str
    rule: str  # "Q1" .. "Q13", "R1"
    severity: str  # "error" | "warning"
    message: str
    location: str = ""  # where the item was read from, e.g. "事项表第5行"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)

    def as_text(self) -> str:
        # The location usually repeats the item code already printed; keep only the row part.
        location = self.location.replace(f"（实施编码 {self.item_code}）", "")
        where = f"［{location}］" if location else ""
        level = "错误" if self.severity == ERROR else "警告"
        return f"{self.rule} {level} {self.item_code}{where} {self.field}：{self.message}"


# --------------------------------------------------------------------------- text fields checked by Q1/Q2
# (field, label, multi_line): multi-line fields may hold line breaks between clauses.
_ITEM_TEXT = (
    ("name", "事项名称", False), ("department", "实施主体", False), ("legal_basis", "设定依据", True),
    ("acceptance_conditions", "受理条件", True), ("fee_standard", "收费标准", True),
    ("fee_basis", "收费依据", True), ("reduction_basis", "允许减免依据", True),
    ("onsite_reason", "现场办理原因说明", True), ("result_name", "办理结果", False),
    ("location", "办理地点", False), ("review_body", "复议机关", False), ("court", "人民法院", False),
)
_MATERIAL_TEXT = (
    ("name", "材料名称", False), ("source_explanation", "来源渠道说明", True),
    ("issuing_body", "出具单位", False), ("requirements", "填报要求", True), ("remarks", "备注", True),
)
_STEP_TEXT = (("name", "环节名称", False), ("approval_standard", "审批标准", True))


def _text_fields(item: ServiceItemRecord) -> Iterator[tuple[str, str, str, bool]]:
    """(field path, Chinese label, value, multi_line) of every free-text field of an item."""
    for name, label, multi in _ITEM_TEXT:
        yield name, label, getattr(item, name), multi
    for i, m in enumerate(item.materials, 1):
        for name, label, multi in _MATERIAL_TEXT:
            yield f"materials[{i}].{name}", f"材料{i}“{m.name}”的{label}", getattr(m, name), multi
    for flow, steps, flow_label in (("handling_steps", item.handling_steps, "办理流程"),
                                    ("business_steps", item.business_steps, "业务流程")):
        for i, s in enumerate(steps, 1):
            for name, label, multi in _STEP_TEXT:
                yield f"{flow}[{i}].{name}", f"{flow_label}第{i}环节的{label}", getattr(s, name), multi


# --------------------------------------------------------------------------- Q1 typos
def default_typos_path() -> Path:
    from desk_app.paths import resources_dir
    return resources_dir() / "catalog" / "typos.json"


@lru_cache(maxsize=4)
def load_typos(path: str | None = None) -> Mapping[str, str]:
    """The typo dictionary {wrong: right} shipped in resources/catalog/typos.json."""
    data = json.loads(Path(path or default_typos_path()).read_text(encoding="utf-8"))
    return dict(data["typos"])


def _q1(item: ServiceItemRecord, typos: Mapping[str, str]) -> Iterator[Finding]:
    if not typos:
        return
    pattern = _typo_pattern(tuple(sorted(typos, key=len, reverse=True)))
    for fld, label, value, _ in _text_fields(item):
        for wrong in sorted(set(pattern.findall(value or ""))):
            yield Finding(item.item_code, fld, "Q1", WARNING,
                          f"{label}中疑似错别字“{wrong}”，应为“{typos[wrong]}”。请核对后修改。")


@lru_cache(maxsize=4)
def _typo_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


# --------------------------------------------------------------------------- Q2 special characters, spaces
_SPECIAL = re.compile(r"[*#&@!+?=;！？…]|\.\.\.")
_CJK_OR_PUNCT = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]"
_BAD_SPACE = re.compile(rf"^\s|\s$|[\u3000\t\xa0]| {{2,}}|{_CJK_OR_PUNCT} | {_CJK_OR_PUNCT}")


def _q2(item: ServiceItemRecord) -> Iterator[Finding]:
    for fld, label, value, multi in _text_fields(item):
        if not value:
            continue
        m = _SPECIAL.search(value)
        if m:
            yield Finding(item.item_code, fld, "Q2", ERROR,
                          f"{label}含有特殊字符“{m.group(0)}”。请删除或改用中文标点。")
        lines = value.split("\n") if multi else [value]
        if not multi and "\n" in value:
            yield Finding(item.item_code, fld, "Q2", ERROR, f"{label}中不应换行。请改为一行。")
        elif any(_BAD_SPACE.search(line) for line in lines):
            yield Finding(item.item_code, fld, "Q2", ERROR,
                          f"{label}含有多余空格（首尾空格、全角空格、连续空格或汉字间空格）。请删除空格。")


# --------------------------------------------------------------------------- Q3, Q4 time limits
def _q3(item: ServiceItemRecord) -> Iterator[Finding]:
    promised = (item.promised_limit or "").strip()
    if not promised or promised == "无":
        yield Finding(item.item_code, "promised_limit", "Q3", ERROR,
                      "承诺办结时限不得为空或“无”。请填写“N个工作日”或“当场”。")
        return
    p = parse_limit(promised)
    if p is None:
        yield Finding(item.item_code, "promised_limit", "Q3", ERROR,
                      f"承诺办结时限“{promised}”的单位只能是“N个工作日”或“当场”。请改写。")
        return
    legal_text = (item.legal_limit or "").strip()
    if not legal_text:
        return  # no legal limit set: nothing to be shorter than
    legal = parse_limit(legal_text)
    if legal is None:
        yield Finding(item.item_code, "legal_limit", "Q3", WARNING,
                      f"法定办结时限“{legal_text}”不是“N个工作日”或“当场”，无法与承诺时限比较。请核对。")
    elif not (p < legal or (p == 0 and legal == 0)):
        yield Finding(item.item_code, "promised_limit", "Q3", ERROR,
                      f"承诺办结时限（{promised}）应短于法定办结时限（{legal_text}）。请核对时限。")


def _q4(item: ServiceItemRecord) -> Iterator[Finding]:
    if item.item_type not in ITEM_TYPES:
        yield Finding(item.item_code, "item_type", "Q4", ERROR,
                      f"办件类型“{item.item_type}”无效，只能是即办件或承诺件。")
        return
    p = parse_limit(item.promised_limit)
    if item.item_type == INSTANT and p is not None and p > 1:
        yield Finding(item.item_code, "promised_limit", "Q4", ERROR,
                      f"即办件的承诺办结时限不应大于 1 个工作日（当前：{item.promised_limit}）。"
                      "请改为承诺件或缩短时限。")


# --------------------------------------------------------------------------- Q5 on-site visits
def _q5(item: ServiceItemRecord) -> Iterator[Finding]:
    v = item.onsite_visits
    if v not in (0, 1):
        yield Finding(item.item_code, "onsite_visits", "Q5", ERROR,
                      f"到办事现场次数只能是 0 或 1（当前：{v}）。")
    if item.fully_online and v != 0:
        yield Finding(item.item_code, "onsite_visits", "Q5", ERROR,
                      "全程网办事项的到办事现场次数必须为 0。")
    if isinstance(v, int) and v > 0 and not (item.onsite_reason or "").strip():
        yield Finding(item.item_code, "onsite_reason", "Q5", ERROR,
                      "到办事现场次数大于 0 时，必须填写现场办理原因说明。")


# --------------------------------------------------------------------------- Q6, Q7 fees and reductions
def _q6(item: ServiceItemRecord) -> Iterator[Finding]:
    if not item.fee_charged and (item.fee_basis or "").strip():
        yield Finding(item.item_code, "fee_basis", "Q6", ERROR,
                      "“是否收费”为“否”时不得填写收费依据。请清空收费依据或改为收费。")


def _q7(item: ServiceItemRecord) -> Iterator[Finding]:
    if item.reduction_allowed and not (item.reduction_basis or "").strip():
        yield Finding(item.item_code, "reduction_basis", "Q7", ERROR,
                      "“是否允许减免”为“是”时，必须填写允许减免依据。")


# --------------------------------------------------------------------------- Q8 source channel
_WHERE = re.compile(r"领取|下载|登录|填写|打印|自备|携带|提供|自行|窗口|网站|网|平台|APP|小程序|到|在|通过|向")
_LEVEL = re.compile(r"国家|国务院|省|市|县|区|乡|镇|街道")
_DEPT = re.compile(r"部门|局|厅|委员会|委|中心|办公室|政府|机关|机构|单位|所|站|处|院|队|部")
_QUALIFICATION = re.compile(r"资质|资格|认证|认定|甲级|乙级|丙级|具备|依法设立|执业|备案|许可|有权")


def _materials(item: ServiceItemRecord) -> Iterator[tuple[MaterialRecord, str, str]]:
    """(material, field path, Chinese label) of each material of an item, numbered from 1."""
    for i, m in enumerate(item.materials, 1):
        yield m, f"materials[{i}]", f"材料{i}“{m.name}”"


def _q8(item: ServiceItemRecord) -> Iterator[Finding]:
    for m, fld, label in _materials(item):
        if m.source_channel not in SOURCE_CHANNELS:
            yield Finding(item.item_code, f"{fld}.source_channel", "Q8", ERROR,
                          f"{label}的来源渠道未填写或无效，应为申请人自备、政府部门核发、中介机构或法定机构产生、其他之一。")
            continue
        text = (m.source_explanation or "").strip()
        if not text:
            yield Finding(item.item_code, f"{fld}.source_explanation", "Q8", ERROR,
                          f"{label}缺少来源渠道说明。")
            continue
        ch = m.source_channel
        if ch in ("applicant", "other") and not _WHERE.search(text):
            yield Finding(item.item_code, f"{fld}.source_explanation", "Q8", ERROR,
                          f"{label}的来源渠道说明应告知获取渠道（纸质版到哪里领取，电子版到哪里下载或在哪里填写）。")
        elif ch == "government" and not (_LEVEL.search(text) and _DEPT.search(text)):
            yield Finding(item.item_code, f"{fld}.source_explanation", "Q8", ERROR,
                          f"{label}由政府部门核发，来源渠道说明应写明哪一层级的哪个部门（如“县级公安机关”）。")
        elif ch == "intermediary" and not _QUALIFICATION.search(text):
            yield Finding(item.item_code, f"{fld}.source_explanation", "Q8", ERROR,
                          f"{label}由中介机构或法定机构产生，来源渠道说明应写明该机构应具备的资质。")


# --------------------------------------------------------------------------- Q9 type, form, paper size
def _q9(item: ServiceItemRecord) -> Iterator[Finding]:
    for m, fld, label in _materials(item):
        if m.material_type not in MATERIAL_TYPES:
            yield Finding(item.item_code, f"{fld}.material_type", "Q9", ERROR,
                          f"{label}未选择有效的材料类型（原件、复印件、原件和复印件、原件或复印件）。")
        if m.form not in MATERIAL_FORMS:
            yield Finding(item.item_code, f"{fld}.form", "Q9", ERROR,
                          f"{label}未选择有效的材料形式（纸质、实物、电子、纸质和电子）。")
        elif m.form in PAPER_FORMS and not (m.paper_size or "").strip():
            yield Finding(item.item_code, f"{fld}.paper_size", "Q9", ERROR,
                          f"{label}为纸质材料，必须填写纸质材料规格（如 A4）。")
        if not isinstance(m.copies, int) or m.copies < 1:
            yield Finding(item.item_code, f"{fld}.copies", "Q9", ERROR,
                          f"{label}的份数应为正整数（当前：{m.copies}）。")
    if item.online and not any(m.form in ELECTRONIC_FORMS for m in item.materials):
        yield Finding(item.item_code, "materials", "Q9", ERROR,
                      "网办事项的材料中至少应有一项为电子版（电子或纸质和电子）。")


# --------------------------------------------------------------------------- Q10 handling steps
# Longest first, so the standard single step 制证发证 is one keyword, not two.
_STEP_WORDS = re.compile(r"制证发证|制证送达|申请|受理|审查|审核|审批|决定|办结|制证|发证|送达|核准|勘验|公示|评审")


def _check_flow(item: ServiceItemRecord, flow: str, flow_label: str,
                steps: tuple[HandlingStep, ...]) -> Iterator[Finding]:
    promised = parse_limit(item.promised_limit)
    total, sums = 0, True
    for i, s in enumerate(steps, 1):
        fld = f"{flow}[{i}]"
        if len(_STEP_WORDS.findall(s.name or "")) > 1:
            yield Finding(item.item_code, f"{fld}.name", "Q10", ERROR,
                          f"{flow_label}环节“{s.name}”把多个环节写在一起。各环节必须分开填写。")
        d = parse_limit(s.limit)
        if d is None:
            sums = False
            yield Finding(item.item_code, f"{fld}.limit", "Q10", ERROR,
                          f"{flow_label}环节“{s.name}”的办理时限“{s.limit}”应为“N个工作日”或“当场”。")
        else:
            total += d
        if not (s.approval_standard or "").strip():
            yield Finding(item.item_code, f"{fld}.approval_standard", "Q10", ERROR,
                          f"{flow_label}环节“{s.name}”缺少审批标准。")
    if sums and promised is not None and total != promised:
        yield Finding(item.item_code, flow, "Q10", ERROR,
                      f"{flow_label}各环节办理时限之和（{total}个工作日）与承诺办结时限（{item.promised_limit}）不一致。")


def _q10(item: ServiceItemRecord) -> Iterator[Finding]:
    if not item.handling_steps:
        yield Finding(item.item_code, "handling_steps", "Q10", ERROR,
                      "未填写办理流程。办理流程一般分为申请、受理、办结，各环节分开填写。")
    else:
        yield from _check_flow(item, "handling_steps", "办理流程", item.handling_steps)
    if item.business_steps:
        yield from _check_flow(item, "business_steps", "业务流程", item.business_steps)


# --------------------------------------------------------------------------- Q11 implementation code level
def _q11(item: ServiceItemRecord) -> Iterator[Finding]:
    if item.exercise_level not in LEVELS:
        yield Finding(item.item_code, "exercise_level", "Q11", ERROR,
                      f"行使层级“{item.exercise_level}”无效，应为国家级、省级、市级、县级、镇（乡、街道）级或村（社区）级。")
        return
    code = item.item_code or ""
    if len(code) < 19:
        yield Finding(item.item_code, "item_code", "Q11", ERROR,
                      "实施编码不足 19 位，无法核对第 19 位的行使层级代码。请核对实施编码。")
        return
    want = LEVEL_CODES[item.exercise_level]
    if code[18] != want:
        yield Finding(item.item_code, "item_code", "Q11", ERROR,
                      f"实施编码第 19 位为“{code[18]}”，与行使层级“{LEVELS[item.exercise_level]}”（代码 {want}）不一致。"
                      "请确保实施清单与办理项的行使层级一致。")


# --------------------------------------------------------------------------- Q12 online depth
def _q12(item: ServiceItemRecord) -> Iterator[Finding]:
    depth = item.online_depth
    valid = all(isinstance(d, int) and d in ONLINE_DEPTHS for d in depth)
    if not valid:
        yield Finding(item.item_code, "online_depth", "Q12", ERROR,
                      f"网办深度含无效取值 {list(depth)}，应为 1–8。")
        return
    chosen = sorted(set(depth))
    if chosen and chosen != list(range(1, chosen[-1] + 1)):
        missing = [ONLINE_DEPTHS[d] for d in range(1, chosen[-1] + 1) if d not in chosen]
        yield Finding(item.item_code, "online_depth", "Q12", ERROR,
                      f"网办深度应逐项递进：勾选“{ONLINE_DEPTHS[chosen[-1]]}”时必须同时勾选"
                      f"{'、'.join('“' + m + '”' for m in missing)}。")
    if item.online and (not chosen or chosen[-1] < 2):
        yield Finding(item.item_code, "online_depth", "Q12", ERROR,
                      "“是否网办”为“是”时，网办深度至少应勾选到“互联网收件”。")
    if not item.online and any(d > 1 for d in chosen):
        yield Finding(item.item_code, "online_depth", "Q12", ERROR,
                      "“是否网办”为“否”时，网办深度不勾选或只勾选“互联网咨询”。")
    if not item.online and item.fully_online:
        yield Finding(item.item_code, "fully_online", "Q12", ERROR,
                      "“是否网办”为“否”的事项不能是全程网办。")


# --------------------------------------------------------------------------- Q13 online address
def _q13(item: ServiceItemRecord) -> Iterator[Finding]:
    address = (item.online_address or "").strip()
    if not item.online:
        if address:
            yield Finding(item.item_code, "online_address", "Q13", ERROR,
                          "“是否网办”为“否”时不应填写网办地址。")
        return
    if not item.has_running_system:
        yield Finding(item.item_code, "has_running_system", "Q13", ERROR,
                      "网办事项的“是否存在运行系统”应为“是”。")
    if not item.self_built_system:
        if address:
            yield Finding(item.item_code, "online_address", "Q13", ERROR,
                          "在统建系统（政务服务网）办理的事项不用填写网办地址。请清空网办地址。")
    elif not address:
        yield Finding(item.item_code, "online_address", "Q13", ERROR,
                      "自建系统办理的事项必须填写网办地址（已对接统一认证的填接收票据地址，否则填外链地址）。")
    elif not re.match(r"^https?://[^\s]+$", address):
        yield Finding(item.item_code, "online_address", "Q13", ERROR,
                      f"网办地址“{address}”不是有效的网址（应以 http:// 或 https:// 开头）。")


# --------------------------------------------------------------------------- R1 review body and court
# Not a rule of seed 004: the rejection decision prints these names as the applicant's remedies
# (seed 003 §28(4)), so a wrong kind of body there misleads the applicant about where to turn.
def _r1(item: ServiceItemRecord) -> Iterator[Finding]:
    body, court = item.review_body.strip(), item.court.strip()
    if body and "法院" in body:
        yield Finding(item.item_code, "review_body", "R1", ERROR,
                      f"复议机关“{body}”是法院。复议机关是行政机关（通常为本级人民政府），法院请填在“人民法院”一栏。")
    if court and not court.endswith("法院"):
        yield Finding(item.item_code, "court", "R1", ERROR,
                      f"人民法院“{court}”不是法院名称。请填写法院全称，例如“某某市某某区人民法院”。")


_RULES: tuple[Callable[[ServiceItemRecord], Iterable[Finding]], ...] = (
    _q2, _q3, _q4, _q5, _q6, _q7, _q8, _q9, _q10, _q11, _q12, _q13, _r1,
)


def lint_item(item: ServiceItemRecord, typos: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding of one item, rule order Q1..Q13, R1."""
    found = list(_q1(item, load_typos() if typos is None else typos))
    for rule in _RULES:
        found.extend(rule(item))
    if item.source:
        found = [Finding(f.item_code, f.field, f.rule, f.severity, f.message, item.source) for f in found]
    return found


def lint(items: Iterable[ServiceItemRecord], typos: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding of every item (the typo dictionary defaults to resources/catalog/typos.json)."""
    typos = load_typos() if typos is None else typos
    out: list[Finding] = []
    for item in items:
        out.extend(lint_item(item, typos))
    return out


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)
