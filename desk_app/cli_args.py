"""An argparse parser that speaks Chinese in its help and its errors, for the `desk-app` and `desk-central` commands."""
from __future__ import annotations

import argparse
import contextlib
import re
import sys
from typing import Callable, ContextManager, NoReturn, Sequence

# argparse's own messages (CPython 3.11-3.13), each as a pattern and its Chinese text. Only the parser's errors go
# through here; argparse's module-level gettext is left alone, because other programs in the process use it too.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), zh) for p, zh in (
    (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
    (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
    (r"^argument (.+?): invalid choice: (.+?) \(choose from (.*)\)$", r"参数 \1：无效的选项 \2（可选：\3）"),
    (r"^argument (.+?): invalid (\w+) value: (.*)$", r"参数 \1：\3 不是有效的值"),
    (r"^argument (.+?): expected one argument$", r"参数 \1 后面需要一个值"),
    (r"^argument (.+?): expected at least one argument$", r"参数 \1 后面至少需要一个值"),
    (r"^argument (.+?): not allowed with argument (.*)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^ambiguous option: (.+?) could match (.*)$", r"选项 \1 有歧义，可能是：\2"),
    (r"^one of the arguments (.*) is required$", r"必须给出以下参数之一：\1"),
    (r"^argument (.+?): (.*)$", r"参数 \1：\2"),
))


def chinese_message(message: str) -> str:
    """argparse's English error text in Chinese (unknown texts are kept as they are)."""
    for pattern, zh in _MESSAGES:
        if pattern.match(message):
            return pattern.sub(zh, message)
    return message


class ChineseFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix="" when it builds a sub-command's prog: only the default (None) becomes 用法.
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """Help headings, the -h option and error messages in Chinese; sub-commands get the same class."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")
        self._positionals.title = "参数"
        self._optionals.title = "选项"

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("title", "命令")
        kwargs.setdefault("metavar", "命令")
        return super().add_subparsers(**kwargs)

    def add_version(self, version: str) -> None:
        self.add_argument("--version", action="version", version=f"{self.prog} {version}", help="显示版本并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_message(message)}\n")


def run_command(parser: argparse.ArgumentParser, argv: Sequence[str] | None, known_error: type[Exception], *,
                around: Callable[[argparse.Namespace], ContextManager[object]] | None = None) -> int:
    """Parse ``argv`` and run the chosen sub-command's ``handler``: both commands' ``main``.

    No sub-command shows the help. ``known_error`` (the domain's KnownError: this module imports nothing of
    desk_app's) is the environment's fault: its Chinese ``message`` goes to stderr and the exit code is 2.
    ``around(args)``, when given, is entered around the handler only.
    """
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    with around(args) if around is not None else contextlib.nullcontext():
        try:
            return int(args.handler(args) or 0)
        except known_error as exc:
            print(f"错误：{getattr(exc, 'message', exc)}", file=sys.stderr)
            return 2
