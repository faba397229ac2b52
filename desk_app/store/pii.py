"""Personal data in events: which fields are sealed (SM4-GCM) before an event is stored, and opening them again.

An event's personal fields are sealed in ``UnitOfWork.emit`` when the store has the hall's data key, so the
event log, the projections folded from it (``cases.state``, ``cases.applicant_name``, ``appointments``...)
and desk-central's copy (it stores payloads as pushed) hold ciphertext only. Services open what they show.

The associated data of a sealed value is ``<aggregate>#<field name>`` (e.g. ``case:<id>#resident_id``): a
ciphertext copied to another record fails to open instead of showing someone else's data, and the fold may
move a value anywhere inside its own record (payload ``applicant.name`` -> state ``applicant.name`` ->
column ``applicant_name``) and still open it by its leaf name.

A purged value (retention, services/retention.py) is ``purged:`` + SM3 of the sealed text it replaced: the
audit chain hashes sealed values by that digest (store/audit_chain.py), so a purge keeps every link intact.
"""
from __future__ import annotations

import re
from typing import Any

from desk_app.store.audit_chain import sm3_hex
from desk_app.store.field_crypto import PREFIX, FieldCipher

PURGED = "purged:"
HIDDEN = "（已加密）"  # a sealed value where no key is at hand (desk-central's own screens)
ID_INDEX = "id_index"  # the applicant's blind index, next to the sealed resident ID in the payload

# Event type -> dotted paths of its personal fields. (No payload carries an address today; a new one goes here.)
SEALED_FIELDS: dict[str, tuple[str, ...]] = {
    "case.applicant_set": ("applicant.name", "applicant.resident_id", "applicant.legal_rep", "applicant.phone",
                           "agent.name", "agent.resident_id", "agent.phone"),
    "case.result_delivered": ("receiver_name",),
    "appointment.booked": ("name", "phone", "resident_id"),
    "complaint.recorded": ("complainant_name", "phone"),
    "printout.issued": ("data.applicant.name", "data.applicant.agent_name", "data.applicant.phone",
                        "data.receiver.name"),
}
# The leaf names a stored view may carry sealed; opening looks at these keys only.
LEAF_NAMES = frozenset(p.rsplit(".", 1)[-1] for paths in SEALED_FIELDS.values() for p in paths) | {
    "applicant_name"}
# A projection column named differently from its payload field opens with the payload field's name.
_ALIAS = {"applicant_name": "name"}


def aad(aggregate: str, leaf: str) -> str:
    return f"{aggregate}#{_ALIAS.get(leaf, leaf)}"


def is_sealed(value: Any) -> bool:
    return isinstance(value, str) and (value.startswith(PREFIX) or value.startswith(PURGED))


def seal_payload(cipher: FieldCipher | None, type_name: str, aggregate: str,
                 payload: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``payload`` with its personal fields sealed (the caller's dict is left as it was).

    The applicant's resident ID also gets its blind index (``applicant.id_index``), the key of the
    "earlier cases of this person" lookup.
    """
    paths = SEALED_FIELDS.get(type_name)
    if cipher is None or not paths:
        return payload
    out = dict(payload)
    for path in paths:
        *parents, leaf = path.split(".")
        node = out
        for name in parents:
            child = node.get(name)
            if not isinstance(child, dict):
                node = None
                break
            node[name] = node = dict(child)  # copy on the way down: the caller's nested dicts stay plain
        if node is None:
            continue
        value = node.get(leaf)
        if isinstance(value, str) and value and not is_sealed(value):
            if path == "applicant.resident_id":
                node[ID_INDEX] = cipher.blind_index(value)
            node[leaf] = cipher.encrypt(value, aad(aggregate, leaf))
    return out


def open_value(cipher: FieldCipher | None, aggregate: str, leaf: str, value: Any) -> Any:
    """The plaintext of one stored value ("" once purged; plaintext from before the migration as it is)."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(PURGED):
        return ""
    if not value.startswith(PREFIX):
        return value
    if cipher is None:
        return HIDDEN
    return cipher.decrypt(value, aad(aggregate, leaf))


def open_tree(cipher: FieldCipher | None, aggregate: str, data: Any) -> Any:
    """``data`` (a dict or list from a payload, a folded state or a row) with every sealed value opened, in place."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                if key in LEAF_NAMES and value:
                    data[key] = open_value(cipher, aggregate, key, value)
            elif isinstance(value, (dict, list)):
                open_tree(cipher, aggregate, value)
    elif isinstance(data, list):
        for item in data:
            open_tree(cipher, aggregate, item)
    return data


def open_case(cipher: FieldCipher | None, state: Any) -> Any:
    """A folded CaseState with its applicant, agent and receiver opened (the fold gave fresh dicts)."""
    aggregate = f"case:{state.id}"
    for part in (state.applicant, state.agent, state.delivery):
        if part:
            open_tree(cipher, aggregate, part)
    return state


def cipher_of(session: Any) -> FieldCipher | None:
    """The data key a store session was opened with (``Store.read`` / ``UnitOfWork.session``), if any."""
    info = getattr(session, "info", None)
    return info.get("cipher") if info is not None else None


# ---------------------------------------------------------------------------- redaction (retention purge)
_SEALED_TEXT = re.compile(r'"(sm4g1:[A-Za-z0-9+/=]*)"')


def redact_json(payload_json: str) -> str:
    """The stored payload text with each sealed value replaced by its purge marker (deterministic: every
    replica that redacts the same event writes the same text, and its audit link still verifies)."""
    if PREFIX not in payload_json:
        return payload_json
    return _SEALED_TEXT.sub(lambda m: f'"{PURGED}{sm3_hex(m.group(1).encode())}"', payload_json)
