"""Password policy: minimum length, character classes and expiry, with Chinese messages that say what to fix."""
from __future__ import annotations

from dataclasses import dataclass

from desk_app.domain.errors import QT_TRANSLATE_NOOP, ValidationError

DAY_MS = 24 * 3600 * 1000
CLASS_NAMES = {"lower": "小写字母", "upper": "大写字母", "digit": "数字", "symbol": "符号"}


def _classes(password: str) -> set[str]:
    found = set()
    for ch in password:
        if ch.isascii() and ch.islower():
            found.add("lower")
        elif ch.isascii() and ch.isupper():
            found.add("upper")
        elif ch.isdigit():
            found.add("digit")
        elif not ch.isspace():
            found.add("symbol")
    return found


@dataclass(frozen=True)
class PasswordPolicy:
    min_length: int = 10
    min_classes: int = 3       # of lower, upper, digit, symbol
    expiry_days: int = 90      # 0: never expires

    def problems(self, password: str, *, username: str = "") -> list[str]:
        out = []
        if len(password) < self.min_length:
            out.append(f"至少 {self.min_length} 个字符（现在 {len(password)} 个）")
        have = _classes(password)
        if len(have) < self.min_classes:
            missing = "、".join(n for k, n in CLASS_NAMES.items() if k not in have)
            out.append(f"至少包含 {self.min_classes} 类字符（小写字母、大写字母、数字、符号），可加上：{missing}")
        if username and username.lower() in password.lower():
            out.append("不能包含用户名")
        return out

    def check(self, password: str, *, username: str = "") -> None:
        problems = self.problems(password, username=username)
        if problems:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "新密码不符合要求：{problems}。请重新输入。"),
                                  problems="；".join(problems), field="new_password")

    def expired(self, changed_at_ms: int, now_ms: int) -> bool:
        """``changed_at_ms`` 0: not known (a published hash); first sign-in is forced by the account's flag."""
        return changed_at_ms > 0 and self.expiry_days > 0 and now_ms - changed_at_ms > self.expiry_days * DAY_MS
