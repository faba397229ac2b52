"""`desk-central users add|disable|reset-password`: the sub-commands and their handlers."""
from __future__ import annotations

import argparse
from typing import Any, Callable

from desk_app.domain.roles import ROLES


def add_commands(group: Any, cmd: Callable[..., Any], db: Callable[[argparse.Namespace], Any]) -> None:
    roles = "、".join(f"{k}（{v}）" for k, v in ROLES.items())

    def add(args: argparse.Namespace) -> int:
        from desk_app.server.users_admin import add_user
        d = db(args)
        version, password = add_user(d, args.hall, args.username, args.name or args.username, args.role,
                                     args.password)
        print(f"已添加用户 {args.username}（{ROLES[args.role]}），工作人员名单第 {version} 版。")
        print(f"初始密码：{password}（只显示这一次；首次登录时必须修改）")
        d.dispose()
        return 0

    def disable(args: argparse.Namespace) -> int:
        from desk_app.server.users_admin import disable_user
        d = db(args)
        version = disable_user(d, args.hall, args.username)
        print(f"已停用用户 {args.username}，工作人员名单第 {version} 版。各窗口电脑拉取后该用户不能再登录（断网时也不能）。")
        d.dispose()
        return 0

    def reset(args: argparse.Namespace) -> int:
        from desk_app.server.users_admin import reset_password
        d = db(args)
        version, password = reset_password(d, args.hall, args.username, args.password)
        print(f"已重置用户 {args.username} 的密码，工作人员名单第 {version} 版。")
        print(f"临时密码：{password}（只显示这一次；下次登录时必须修改）")
        d.dispose()
        return 0

    a = cmd(group, "add", "添加一名工作人员（生成初始密码，首次登录须修改）", add)
    a.add_argument("username", help="用户名（登录用）")
    a.add_argument("--hall", required=True, help="大厅代码或编号")
    a.add_argument("--role", required=True, choices=list(ROLES), help=f"角色：{roles}")
    a.add_argument("--name", default="", help="姓名（显示用）")
    a.add_argument("--password", default=None, help="初始密码（默认随机生成）")
    d = cmd(group, "disable", "停用一名工作人员（离职、调岗）", disable)
    d.add_argument("username", help="用户名")
    d.add_argument("--hall", required=True, help="大厅代码或编号")
    r = cmd(group, "reset-password", "重置一名工作人员的密码（生成临时密码，登录时须修改）", reset)
    r.add_argument("username", help="用户名")
    r.add_argument("--hall", required=True, help="大厅代码或编号")
    r.add_argument("--password", default=None, help="临时密码（默认随机生成）")
