"""Demo data for every printout kind: `desk-app printout sample`, the tests and the bench fill documents from here."""
from __future__ import annotations

from typing import Any, Callable

from desk_app.domain import printout_kinds as kinds
from desk_app.domain.printout_kinds import CASE_KEYS, printout_kind

HALL = {"name": "示例市政务服务中心", "department": "示例市行政审批服务局", "phone": "0535-12345", "code": "SL"}
APPLICANT = {"name": "王䶮", "id_number": "370602199003071234", "phone": "13800000000"}
ITEM = {"name": "个体工商户设立登记", "code": "11370600MB28532950400011100100001", "type": "承诺件",
        "promised_days": 3, "legal_days": 15}
COMMON = {
    "hall": HALL, "document_number": "SL告〔2026〕01-00001号", "case_number": "SL20261123-0042",
    "case_id": "01935a7e-0000-7000-8000-000000000042", "applicant": APPLICANT, "item": ITEM,
    "clerk": "李娜", "window": 5, "date": "2026-11-23",
}

_MATERIAL_NAMES = [
    "个体工商户注册登记申请书", "经营者身份证明", "经营场所使用证明", "委托代理人身份证明及授权委托书",
    "食品经营许可证", "消防安全检查合格证明", "环境影响登记表", "名称预先核准通知书",
]


def notice_materials(n: int) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        out.append({
            "name": _MATERIAL_NAMES[i % len(_MATERIAL_NAMES)] + (f"（第{i // len(_MATERIAL_NAMES) + 1}组）"
                                                                if n > len(_MATERIAL_NAMES) else ""),
            "problem": "缺少" if i % 3 else "需补正",
            "reason": "未提交" if i % 3 else "复印件不清晰，签名处缺少本人签字",
            "requirement": {"original_or_copy": "原件和复印件" if i % 2 else "复印件", "copies": 1 + i % 2,
                            "paper_size": "A4", "issuing_body": "不动产登记中心" if i % 2 else "申请人自备"},
        })
    return out


def receipt_materials(n: int) -> list[dict[str, Any]]:
    return [{"name": _MATERIAL_NAMES[i % len(_MATERIAL_NAMES)], "copies_required": 1 + i % 2,
             "copies_received": 1 + i % 2, "form": "原件" if i % 2 else "复印件",
             "remarks": "" if i % 4 else "已核验原件"} for i in range(n)]


SampleFiller = Callable[[dict[str, Any], int], None]
_FILLERS: dict[str, SampleFiller] = {}


def _fills(kind: str) -> Callable[[SampleFiller], SampleFiller]:
    """Registers the function that adds ``kind``'s own keys to the common demo data."""
    def register(fn: SampleFiller) -> SampleFiller:
        _FILLERS[printout_kind(kind).code] = fn
        return fn
    return register


def sample(kind: str, *, materials: int = 5) -> dict[str, Any]:
    """A complete document of ``kind`` with demo data (names include a rare character, 䶮)."""
    if printout_kind(kind).thermal:
        return {"hall": HALL, "ticket_number": "A023", "ticket_id": "01935a7e-0000-7000-8000-0000000000a3",
                "category": "综合业务", "waiting_ahead": 7, "issued_at": "2026-11-23T09:41:00", "tag": "绿色通道"}
    d: dict[str, Any] = dict(COMMON)
    _FILLERS[kind](d, materials)
    if not printout_kind(kind).case:
        for key in CASE_KEYS + ("case_id",):
            d.pop(key)
    return d


@_fills(kinds.ONE_TIME_NOTICE)
def _one_time_notice(d: dict[str, Any], materials: int) -> None:
    d.update(materials=notice_materials(materials), deadline="2026-12-07")


@_fills(kinds.MATERIALS_RECEIPT)
def _materials_receipt(d: dict[str, Any], materials: int) -> None:
    d.update(materials=receipt_materials(materials), document_number="SL收〔2026〕01-00001号")


@_fills(kinds.ACCEPTANCE_NOTICE)
def _acceptance_notice(d: dict[str, Any], materials: int) -> None:
    d.update(accepted_on="2026-11-23", promised_date="2026-11-26", delivery="窗口领取（统一出件窗口）",
             document_number="SL受〔2026〕01-00001号")


@_fills(kinds.SUPPLEMENT_NOTICE)
def _supplement_notice(d: dict[str, Any], materials: int) -> None:
    d.update(materials=notice_materials(min(materials, 2)), deadline="2026-12-07", accepted_on="2026-11-23",
             document_number="SL容〔2026〕01-00001号")


@_fills(kinds.REJECTION_DECISION)
def _rejection_decision(d: dict[str, Any], materials: int) -> None:
    d.update(reasons=[{"text": "申请人不具备个体工商户经营者资格", "legal_basis": "《促进个体工商户发展条例》第二条"},
                      {"text": "经营场所属于禁止经营区域", "legal_basis": "《示例市城市管理条例》第十八条"}],
             review_body="示例市人民政府", court="示例市芝罘区人民法院", document_number="SL不受〔2026〕01-00001号")


@_fills(kinds.REFUSAL_NOTICE)
def _refusal_notice(d: dict[str, Any], materials: int) -> None:
    d.update(reason="该事项属于出入境管理业务", handled_by="示例市公安局出入境管理支队（示例路1号）",
             document_number="SL告外〔2026〕01-00001号")


@_fills(kinds.PICKUP_RECEIPT)
def _pickup_receipt(d: dict[str, Any], materials: int) -> None:
    d.update(items=[{"name": "营业执照（正本）", "count": 1}, {"name": "营业执照（副本）", "count": 1}],
             receiver={"name": "张𠇔", "id_number": "370602198807054321", "is_agent": True},
             handed_at="2026-11-26T10:15:00", document_number="SL领〔2026〕01-00001号")


@_fills(kinds.DAILY_REPORT_COVER)
def _daily_report_cover(d: dict[str, Any], materials: int) -> None:
    d.update(report_date="2026-11-23", prepared_by="李娜", window="5号窗口", document_number="SL日报〔2026〕01-00001号",
             figures=[{"label": "取号数", "value": 138}, {"label": "受理数", "value": 96},
                      {"label": "一次性告知", "value": 12}, {"label": "不予受理", "value": 2},
                      {"label": "好评率", "value": "98.6%"}])
