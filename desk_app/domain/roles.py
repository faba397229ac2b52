"""Staff roles: the five roles a hall's users may have, their Chinese names, and the check on publish."""
from __future__ import annotations

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

# Order matters only for display (sign-in list, CLI help).
ROLES: dict[str, str] = {
    "guide": "导办",
    "clerk": "窗口受理",
    "pickup": "出件",
    "supervisor": "值班长",
    "admin": "系统管理员",
}
# Roles that work at one window: their actions must name that window.
WINDOW_ROLES = frozenset({"clerk", "pickup"})


def role_label(role: str) -> str:
    return ROLES.get(role, role)


def validate_role(role: object, *, username: str = "") -> str:
    """The role itself when it is one of ROLES; otherwise refused (never mapped to another role)."""
    if isinstance(role, str) and role in ROLES:
        return role
    who = f"用户“{username}”的" if username else ""
    raise ValidationError(
        QT_TRANSLATE_NOOP("Errors", "{who}角色“{role}”无效。可用角色：{items}。请改正后重新发布。"), who=who, role=role,
        items='、'.join((f'{k}（{v}）' for k, v in ROLES.items())), field="role")


def validate_users(users: object) -> list[dict]:
    """Every user of a published list has a user name and a known role; the list is returned unchanged."""
    if not isinstance(users, list):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "用户资料应为列表，请检查发布的内容。"), field="users")
    seen: set[str] = set()
    for u in users:
        if not isinstance(u, dict) or not str(u.get("username") or "").strip():
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "有用户缺少用户名（username），请补全后重新发布。"), field="username")
        name = u["username"]
        if name in seen:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "用户名“{name}”重复出现，请改正后重新发布。"), name=name, field="username")
        seen.add(name)
        validate_role(u.get("role"), username=name)
    return users
