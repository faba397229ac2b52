<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Errors</name>
    <message>
        <source>文件“{filename}”是 Excel/ZIP 文件而不是 JSON 文本。请把扩展名改为 .xlsx 再导入。</source>
        <translation>The file “{filename}” is an Excel/ZIP file, not JSON text. Rename it to .xlsx and import it again.</translation>
    </message>
    <message>
        <source>文件“{filename}”是 UTF-16 编码。请用 UTF-8 编码另存后再导入。</source>
        <translation>The file “{filename}” is UTF-16 encoded. Save it again as UTF-8 and import it again.</translation>
    </message>
    <message>
        <source>文件“{filename}”不是 UTF-8 文本（第 {start} 字节无法解码），可能不是目录文件。请检查文件类型。</source>
        <translation>The file “{filename}” is not UTF-8 text (byte {start} cannot be decoded); it may not be a catalog file. Check the file type.</translation>
    </message>
    <message>
        <source>文件“{filename}”是 GBK（GB18030）编码，而目录文件必须是 UTF-8 编码。请用记事本或 WPS“另存为”UTF-8 编码后再导入。</source>
        <translation>The file “{filename}” is GBK (GB18030) encoded, but catalog files must be UTF-8. Use Notepad or WPS “Save as” UTF-8 and import it again.</translation>
    </message>
    <message>
        <source>文件“{filename}”有 {size:.1f} MB，超过 {max_file_bytes} MB 上限。请确认文件是否正确，或按部门拆分后分批导入。</source>
        <translation>The file “{filename}” is {size:.1f} MB, over the {max_file_bytes} MB limit. Check that it is the right file, or split it by department and import the parts one by one.</translation>
    </message>
    <message>
        <source>{where}的“{label}”应为文本。</source>
        <translation>“{label}” in {where} must be text.</translation>
    </message>
    <message>
        <source>{where}的“{label}”应为 true/false（表格中填“是”或“否”），当前为“{value}”。</source>
        <translation>“{label}” in {where} must be true/false (“是” or “否” in a spreadsheet); it is “{value}”.</translation>
    </message>
    <message>
        <source>{where}的“{label}”应为整数，当前为“{value}”。</source>
        <translation>“{label}” in {where} must be a whole number; it is “{value}”.</translation>
    </message>
    <message>
        <source>{where}的“{label}”应为列表。</source>
        <translation>“{label}” in {where} must be a list.</translation>
    </message>
    <message>
        <source>{where}应为对象。</source>
        <translation>{where} must be an object.</translation>
    </message>
    <message>
        <source>{where}缺少字段“{key}”（{label}）。</source>
        <translation>{where} lacks the field “{key}” ({label}).</translation>
    </message>
    <message>
        <source>{where}有 {mats_count} 项申请材料，超过每个事项 {max_materials_per_item} 项的上限。请检查是否把多个事项的材料合并到了一起。</source>
        <translation>{where} has {mats_count} materials, over the limit of {max_materials_per_item} per item. Check whether the materials of several items were merged.</translation>
    </message>
    <message>
        <source>{where}的{label}有 {steps_count} 个环节，超过 {max_steps_per_flow} 个上限。</source>
        <translation>{label} in {where} has {steps_count} steps, over the limit of {max_steps_per_flow}.</translation>
    </message>
    <message>
        <source>目录中没有任何事项。请检查文件内容。</source>
        <translation>The catalog contains no items. Check the file&apos;s content.</translation>
    </message>
    <message>
        <source>目录有 {items_count} 个事项，超过 {max_items} 个上限。</source>
        <translation>The catalog has {items_count} items, over the limit of {max_items}.</translation>
    </message>
    <message>
        <source>{where}的实施编码为空。</source>
        <translation>The item code of {where} is empty.</translation>
    </message>
    <message>
        <source>{where}的事项名称为空。</source>
        <translation>The item name of {where} is empty.</translation>
    </message>
    <message>
        <source>实施编码“{code}”重复：{seen}和{where}。每个事项的实施编码必须唯一。</source>
        <translation>The item code “{code}” appears twice: {seen} and {where}. Every item&apos;s code must be unique.</translation>
    </message>
    <message>
        <source>{where}有 {materials_count} 项申请材料，超过每个事项 {max_materials_per_item} 项的上限。</source>
        <translation>{where} has {materials_count} materials, over the limit of {max_materials_per_item} per item.</translation>
    </message>
    <message>
        <source>目录文件的顶层应为对象（包含 format_version、catalog_version 和 items）。</source>
        <translation>The top level of a catalog file must be an object (with format_version, catalog_version and items).</translation>
    </message>
    <message>
        <source>文件格式标识“{format}”不是 {format_name}。请确认这是事项目录文件。</source>
        <translation>The format mark “{format}” is not {format_name}. Check that this is a service item catalog file.</translation>
    </message>
    <message>
        <source>目录文件缺少 format_version（格式版本）。</source>
        <translation>The catalog file lacks format_version.</translation>
    </message>
    <message>
        <source>目录文件的格式版本 {version} 不受支持（本程序支持版本 {format_version}）。请升级程序或向服务器索取对应版本的文件。</source>
        <translation>Format version {version} of the catalog file is not supported (this program supports version {format_version}). Upgrade the program or get a file of that version from the server.</translation>
    </message>
    <message>
        <source>目录文件缺少 catalog_version（目录版本号）。</source>
        <translation>The catalog file lacks catalog_version.</translation>
    </message>
    <message>
        <source>目录有 {raw_items_count} 个事项，超过 {max_items} 个上限。</source>
        <translation>The catalog has {raw_items_count} items, over the limit of {max_items}.</translation>
    </message>
    <message>
        <source>文件“{filename}”不是有效的 JSON：第 {lineno} 行第 {colno} 列附近有语法错误（{msg}）。</source>
        <translation>The file “{filename}” is not valid JSON: syntax error near line {lineno}, column {colno} ({msg}).</translation>
    </message>
    <message>
        <source>找不到文件“{path}”。请检查路径。</source>
        <translation>The file “{path}” cannot be found. Check the path.</translation>
    </message>
    <message>
        <source>“{path}”是文件夹，不是目录文件。</source>
        <translation>“{path}” is a folder, not a catalog file.</translation>
    </message>
    <message>
        <source>没有权限读取文件“{path}”。</source>
        <translation>No permission to read the file “{path}”.</translation>
    </message>
    <message>
        <source>工作日表 {year} 年“{key}”中的“{text}”不是 YYYY-MM-DD 格式的日期。</source>
        <translation>“{text}” under “{key}” of {year} in the working-day table is not a date in YYYY-MM-DD form.</translation>
    </message>
    <message>
        <source>工作日表 {year} 年“{key}”中的日期 {day} 不属于 {year} 年。</source>
        <translation>The date {day} under “{key}” of {year} in the working-day table is not in {year}.</translation>
    </message>
    <message>
        <source>工作日表应为以年份为键的对象。</source>
        <translation>The working-day table must be an object keyed by year.</translation>
    </message>
    <message>
        <source>工作日表的键“{key}”不是四位年份。</source>
        <translation>The key “{key}” of the working-day table is not a four-digit year.</translation>
    </message>
    <message>
        <source>工作日表 {year} 年应包含 holidays 和 workdays 两个列表。</source>
        <translation>Year {year} of the working-day table must contain the two lists holidays and workdays.</translation>
    </message>
    <message>
        <source>工作日表 {year} 年有日期同时列为节假日和调休上班日：{both}。</source>
        <translation>In {year} of the working-day table some dates are both holidays and adjusted working days: {both}.</translation>
    </message>
    <message>
        <source>工作日表 {year} 年的调休上班日应为周六或周日：{weekday_workdays}。</source>
        <translation>The adjusted working days of {year} in the working-day table must be Saturdays or Sundays: {weekday_workdays}.</translation>
    </message>
    <message>
        <source>没有 {year} 年的法定节假日和调休安排（当前只有 {span}），无法按工作日计算期限，本机不会估算日期。请联系信息管理员在中心服务器发布 {year} 年的节假日安排（desk-central calendar publish --year {year}）；发布后本机自动同步，无需重启，再重试即可。</source>
        <translation>There are no statutory holidays and adjusted working days for {year} (only {span} are known), so time limits cannot be counted in working days, and this PC does not guess dates. Ask the IT administrator to publish the {year} holidays on the central server (desk-central calendar publish --year {year}); this PC picks them up automatically, with no restart, and then you can try again.</translation>
    </message>
    <message>
        <source>期限的工作日数不能为负数。</source>
        <translation>A time limit&apos;s number of working days cannot be negative.</translation>
    </message>
    <message>
        <source>新密码不符合要求：{problems}。请重新输入。</source>
        <translation>The new password does not meet the rules: {problems}. Enter it again.</translation>
    </message>
    <message>
        <source>请选择评价等级（1至5）。</source>
        <translation>Choose a rating level (1 to 5).</translation>
    </message>
    <message>
        <source>所选评价原因与评价等级不符，请重新选择。</source>
        <translation>The chosen reasons do not match the rating level. Choose again.</translation>
    </message>
    <message>
        <source>评价内容最多{max_text}字，当前{text_count}字。</source>
        <translation>A comment may have at most {max_text} characters; this one has {text_count}.</translation>
    </message>
    <message>
        <source>请选择不满意的原因或填写意见，以便我们整改。</source>
        <translation>Choose a reason for the dissatisfaction or write a comment, so that we can put it right.</translation>
    </message>
    <message>
        <source>办件 {case_number} 已评价，不能重复评价。</source>
        <translation>Case {case_number} has already been rated; it cannot be rated again.</translation>
    </message>
    <message>
        <source>审查中</source>
        <translation>being checked</translation>
    </message>
    <message>
        <source>已一次性告知</source>
        <translation>given the one-time notice</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>accepted</translation>
    </message>
    <message>
        <source>容缺受理</source>
        <translation>accepted with deferral</translation>
    </message>
    <message>
        <source>待领取</source>
        <translation>ready for pickup</translation>
    </message>
    <message>
        <source>已送达</source>
        <translation>delivered</translation>
    </message>
    <message>
        <source>即办办结</source>
        <translation>finished on the spot</translation>
    </message>
    <message>
        <source>不予受理(非本部门)</source>
        <translation>refused (not this department)</translation>
    </message>
    <message>
        <source>不予受理</source>
        <translation>rejected</translation>
    </message>
    <message>
        <source>复议机关和人民法院的名称最多{rights_max_len}字。请写机关全称。</source>
        <translation>The names of the review body and the court may have at most {rights_max_len} characters. Write the body&apos;s full name.</translation>
    </message>
    <message>
        <source>复议机关“{review_body}”是法院。复议机关是行政机关（通常为本级人民政府），法院请填在“人民法院”一栏。</source>
        <translation>The review body “{review_body}” is a court. The review body is an administrative organ (usually the people&apos;s government at this level); enter the court under “People&apos;s court”.</translation>
    </message>
    <message>
        <source>“{court}”不是法院名称。请填写法院全称，例如“某某市某某区人民法院”。</source>
        <translation>“{court}” is not the name of a court. Write the court&apos;s full name, e.g. “某某市某某区人民法院”.</translation>
    </message>
    <message>
        <source>这份材料不属于本办件的材料清单。请在清单中选择。</source>
        <translation>This material is not on the case&apos;s material list. Choose one from the list.</translation>
    </message>
    <message>
        <source>“{name}”的审查结果无效。请选择已收、缺少、有误、容缺或告知承诺。</source>
        <translation>The check result of “{name}” is not valid. Choose received, missing, defective, deferred or notify-and-commit.</translation>
    </message>
    <message>
        <source>“{name}”的说明超过200字。请精简后再保存。</source>
        <translation>The note on “{name}” is longer than 200 characters. Shorten it and save again.</translation>
    </message>
    <message>
        <source>请为“{name}”选择收取的是原件、复印件还是原件及复印件。</source>
        <translation>Choose whether the original, a copy, or the original and a copy of “{name}” was received.</translation>
    </message>
    <message>
        <source>“{name}”的份数应为1至99之间的整数。</source>
        <translation>The number of copies of “{name}” must be a whole number from 1 to 99.</translation>
    </message>
    <message>
        <source>请为“{name}”选择有误的原因。</source>
        <translation>Choose why “{name}” is defective.</translation>
    </message>
    <message>
        <source>“{name}”选择了“其他”原因，请写明具体问题。</source>
        <translation>“Other” was chosen as the defect of “{name}”: describe the problem.</translation>
    </message>
    <message>
        <source>“{name}”按实施清单不允许容缺受理。请标记为缺少，或收取该材料。</source>
        <translation>The implementation list does not allow deferred acceptance of “{name}”. Mark it missing, or receive the material.</translation>
    </message>
    <message>
        <source>“{name}”按实施清单不适用告知承诺。请收取该材料或标记为缺少。</source>
        <translation>Notify-and-commit does not apply to “{name}” under the implementation list. Receive the material or mark it missing.</translation>
    </message>
    <message>
        <source>未知的办理结果。</source>
        <translation>Unknown outcome.</translation>
    </message>
    <message>
        <source>办件 {case_number} 已{status}，不能再作出决定。</source>
        <translation>Case {case_number} is already {status}; no further decision can be made.</translation>
    </message>
    <message>
        <source>该办件已受理，不能再作不予受理决定。</source>
        <translation>This case has been accepted; it can no longer be rejected.</translation>
    </message>
    <message>
        <source>不予受理决定必须写明理由。</source>
        <translation>A rejection decision must state its reasons.</translation>
    </message>
    <message>
        <source>办件 {case_number} 已{status}，不能再作出此决定。</source>
        <translation>Case {case_number} is already {status}; this decision can no longer be made.</translation>
    </message>
    <message>
        <source>请写明应到哪个部门或通过什么渠道办理。</source>
        <translation>State which department or channel handles this.</translation>
    </message>
    <message>
        <source>请先选择办理的事项。</source>
        <translation>Choose the service item first.</translation>
    </message>
    <message>
        <source>请先填写申请人信息。</source>
        <translation>Fill in the applicant first.</translation>
    </message>
    <message>
        <source>还有{pending_count}份材料未审查：{names}。请逐项审查后再作决定。</source>
        <translation>{pending_count} materials have not been checked yet: {names}. Check each one before deciding.</translation>
    </message>
    <message>
        <source>本办件已出具过一次性告知通知书，每个办件只能出具一次。请受理、容缺受理或作不予受理决定。</source>
        <translation>A one-time notice has already been issued for this case, and a case gets only one. Accept, accept with deferral, or reject.</translation>
    </message>
    <message>
        <source>没有缺少或有误的材料，无需一次性告知。</source>
        <translation>No material is missing or defective; no one-time notice is needed.</translation>
    </message>
    <message>
        <source>有{lacking_count}份材料缺少或有误，不能受理。请出具一次性告知通知书或让申请人当场更正。</source>
        <translation>{lacking_count} materials are missing or defective, so the case cannot be accepted. Issue a one-time notice or let the applicant correct them on the spot.</translation>
    </message>
    <message>
        <source>没有容缺的材料，请直接受理。</source>
        <translation>No material is deferred; accept the case directly.</translation>
    </message>
    <message>
        <source>即办件须材料齐全当场办结，不能容缺受理。</source>
        <translation>An instant item must have all materials and be finished on the spot; it cannot be accepted with deferral.</translation>
    </message>
    <message>
        <source>有容缺的材料，请选择容缺受理。</source>
        <translation>Some materials are deferred: choose accept with deferral.</translation>
    </message>
    <message>
        <source>承诺件不能当场办结，请受理并告知承诺办结日期。</source>
        <translation>A promised item cannot be finished on the spot: accept it and tell the applicant the promised completion date.</translation>
    </message>
    <message>
        <source>即办件应当场办结。</source>
        <translation>An instant item must be finished on the spot.</translation>
    </message>
    <message>
        <source>请填写身份证号。</source>
        <translation>Enter the ID number.</translation>
    </message>
    <message>
        <source>身份证号应为 18 位，当前为 {value_count} 位。请核对后重新输入。</source>
        <translation>An ID number has 18 characters; this one has {value_count}. Check it and enter it again.</translation>
    </message>
    <message>
        <source>身份证号前 17 位应为数字，最后一位为数字或 X。请核对后重新输入。</source>
        <translation>The first 17 characters of an ID number must be digits, the last a digit or X. Check it and enter it again.</translation>
    </message>
    <message>
        <source>身份证号前两位不是有效的省级行政区划代码。请核对后重新输入。</source>
        <translation>The first two digits of the ID number are not a valid province code. Check it and enter it again.</translation>
    </message>
    <message>
        <source>身份证号中的出生日期（第 7–14 位）不是有效日期。请核对后重新输入。</source>
        <translation>The date of birth in the ID number (characters 7–14) is not a valid date. Check it and enter it again.</translation>
    </message>
    <message>
        <source>身份证号中的出生日期（第 7–14 位）不合理（早于 1900 年或晚于今天）。请核对后重新输入。</source>
        <translation>The date of birth in the ID number (characters 7–14) is not plausible (before 1900 or after today). Check it and enter it again.</translation>
    </message>
    <message>
        <source>身份证号校验位不正确，可能有数字输错。请对照证件逐位核对。</source>
        <translation>The check digit of the ID number is wrong; a digit may be mistyped. Compare it with the ID card digit by digit.</translation>
    </message>
    <message>
        <source>请填写统一社会信用代码。</source>
        <translation>Enter the unified social credit code.</translation>
    </message>
    <message>
        <source>统一社会信用代码应为 18 位，当前为 {value_count} 位。请核对营业执照后重新输入。</source>
        <translation>A unified social credit code has 18 characters; this one has {value_count}. Check it against the business licence and enter it again.</translation>
    </message>
    <message>
        <source>统一社会信用代码含有不允许的字符：{bad}（代码中不使用 I、O、Z、S、V）。请核对营业执照后重新输入。</source>
        <translation>The unified social credit code contains characters that are not allowed: {bad} (the code does not use I, O, Z, S, V). Check it against the business licence and enter it again.</translation>
    </message>
    <message>
        <source>统一社会信用代码第 3–8 位应为登记管理机关行政区划码（数字）。请核对后重新输入。</source>
        <translation>Characters 3–8 of the unified social credit code must be the registering authority&apos;s area code (digits). Check it and enter it again.</translation>
    </message>
    <message>
        <source>统一社会信用代码校验位不正确，可能有字符输错。请对照营业执照逐位核对。</source>
        <translation>The check character of the unified social credit code is wrong; a character may be mistyped. Compare it with the business licence character by character.</translation>
    </message>
    <message>
        <source>请填写手机号码。</source>
        <translation>Enter the mobile number.</translation>
    </message>
    <message>
        <source>手机号码应为 11 位数字（可带 +86）。请核对后重新输入。</source>
        <translation>A mobile number has 11 digits (optionally with +86). Check it and enter it again.</translation>
    </message>
    <message>
        <source>手机号码应以 13–19 开头。请核对后重新输入。</source>
        <translation>A mobile number starts with 13 to 19. Check it and enter it again.</translation>
    </message>
    <message>
        <source>预约时间段“{part}”格式不对，应写成 09:00-12:00，多段用逗号分开。</source>
        <translation>The appointment period “{part}” is not in the right form: write 09:00-12:00, and separate several periods with commas.</translation>
    </message>
    <message>
        <source>预约时间段“{part}”的结束时间应晚于开始时间。</source>
        <translation>The end of the appointment period “{part}” must be later than its start.</translation>
    </message>
    <message>
        <source>请填写预约人姓名。</source>
        <translation>Enter the name of the person booking.</translation>
    </message>
    <message>
        <source>姓名应为 30 个字以内，不含数字。请核对后重新输入。</source>
        <translation>A name has at most 30 characters and no digits. Check it and enter it again.</translation>
    </message>
    <message>
        <source>该时段已经过去，请选择以后的时段。</source>
        <translation>This slot has already passed. Choose a later one.</translation>
    </message>
    <message>
        <source>最多可预约 {days_ahead} 天以内的时段，请选择更早的日期。</source>
        <translation>Slots can be booked at most {days_ahead} days ahead. Choose an earlier date.</translation>
    </message>
    <message>
        <source>{day:%m月%d日}不是工作日（周末或法定节假日），不能预约。请选择工作日。</source>
        <translation>{day:%b %d} is not a working day (weekend or statutory holiday) and cannot be booked. Choose a working day.</translation>
    </message>
    <message>
        <source>{start:%Y-%m-%d %H:%M} 不是本大厅的预约时段，请在时段列表中选择。</source>
        <translation>{start:%Y-%m-%d %H:%M} is not one of this hall&apos;s appointment slots. Choose one from the list.</translation>
    </message>
    <message>
        <source>{start:%m月%d日 %H:%M} 的{category}类预约已满（每个时段 {capacity} 人），请选择其他时段。</source>
        <translation>The {category} appointments at {start:%b %d %H:%M} are full ({capacity} people per slot). Choose another slot.</translation>
    </message>
    <message>
        <source>当天的预约码已用尽，请联系管理员。</source>
        <translation>Today&apos;s appointment codes are used up. Contact the administrator.</translation>
    </message>
    <message>
        <source>未知的绿色通道类别“{group}”。请在列表中选择。</source>
        <translation>Unknown priority group “{group}”. Choose one from the list.</translation>
    </message>
    <message>
        <source>无法识别的预约码：{shown}。请核对后重新输入或扫描预约短信中的二维码。</source>
        <translation>The appointment code {shown} is not recognised. Check it and enter it again, or scan the QR code in the appointment text message.</translation>
    </message>
    <message>
        <source>预约码 {code} 不存在。请核对预约码，或按普通号取号。</source>
        <translation>The appointment code {code} does not exist. Check the code, or take a regular ticket.</translation>
    </message>
    <message>
        <source>预约码 {code} 已签到使用过，不能重复取号。</source>
        <translation>The appointment code {code} has already been checked in; it cannot issue another ticket.</translation>
    </message>
    <message>
        <source>预约码 {code} 的预约已取消。请按普通号取号。</source>
        <translation>The appointment for code {code} was cancelled. Take a regular ticket.</translation>
    </message>
    <message>
        <source>预约码 {code} 是 {day} 的预约，已过期。请按普通号取号或重新预约。</source>
        <translation>The appointment code {code} was for {day} and has expired. Take a regular ticket or book again.</translation>
    </message>
    <message>
        <source>预约码 {code} 的预约时段为 {day} {start:%H:%M}，最早可提前 {early_min} 分钟签到。请稍后再来。</source>
        <translation>The appointment slot for code {code} is {day} {start:%H:%M}; check-in opens at most {early_min} minutes early. Please come back later.</translation>
    </message>
    <message>
        <source>未知的事件类型：{name}。请升级本机程序后再同步。</source>
        <translation>Unknown event type: {name}. Upgrade the program on this PC, then sync again.</translation>
    </message>
    <message>
        <source>{who}角色“{role}”无效。可用角色：{items}。请改正后重新发布。</source>
        <translation>{who} has an invalid role “{role}”. Valid roles: {items}. Correct it and publish again.</translation>
    </message>
    <message>
        <source>用户资料应为列表，请检查发布的内容。</source>
        <translation>The user data must be a list. Check what was published.</translation>
    </message>
    <message>
        <source>有用户缺少用户名（username），请补全后重新发布。</source>
        <translation>A user lacks a username. Complete it and publish again.</translation>
    </message>
    <message>
        <source>用户名“{name}”重复出现，请改正后重新发布。</source>
        <translation>The username “{name}” appears more than once. Correct it and publish again.</translation>
    </message>
    <message>
        <source>请选择反映问题的类别。</source>
        <translation>Choose the kind of problem reported.</translation>
    </message>
    <message>
        <source>请写明没有办成的事情和经过。</source>
        <translation>Describe what could not get done and what happened.</translation>
    </message>
    <message>
        <source>问题描述最多{max_text}字。</source>
        <translation>The problem description may have at most {max_text} characters.</translation>
    </message>
    <message>
        <source>大厅资料缺少“{key}”字段，请补全后重新发布。</source>
        <translation>The hall data lacks the field “{key}”. Complete it and publish again.</translation>
    </message>
    <message>
        <source>大厅设置应为 JSON 对象，例如 {&quot;review_body&quot;: &quot;某某市人民政府&quot;}。</source>
        <translation>The hall settings must be a JSON object, e.g. {&quot;review_body&quot;: &quot;某某市人民政府&quot;}.</translation>
    </message>
    <message>
        <source>本机还没有大厅资料，无法应用大厅设置。请先完成注册。</source>
        <translation>This PC has no hall data yet, so the hall settings cannot be applied. Register the PC first.</translation>
    </message>
    <message>
        <source>请选择或输入用户名。</source>
        <translation>Choose or enter a username.</translation>
    </message>
    <message>
        <source>密码连续输错 {failures} 次，账号已在本机锁定，请 {minutes_left} 分钟后再试，或请系统管理员重置密码。</source>
        <translation>The password was wrong {failures} times in a row; the account is locked on this PC. Try again in {minutes_left} minutes, or ask the system administrator to reset the password.</translation>
    </message>
    <message>
        <source>没有这个用户，或该用户已停用。请检查用户名，或联系系统管理员。</source>
        <translation>There is no such user, or the user is disabled. Check the username, or contact the system administrator.</translation>
    </message>
    <message>
        <source>该账号还没有设置密码，不能登录。请联系系统管理员用“desk-central users reset-password”设置初始密码。</source>
        <translation>This account has no password yet and cannot sign in. Ask the system administrator to set an initial password with “desk-central users reset-password”.</translation>
    </message>
    <message>
        <source>密码连续输错 {failures} 次，账号已在本机锁定 {lock_minutes} 分钟。请稍后再试，或请系统管理员重置密码。</source>
        <translation>The password was wrong {failures} times in a row; the account is locked on this PC for {lock_minutes} minutes. Try again later, or ask the system administrator to reset the password.</translation>
    </message>
    <message>
        <source>密码不正确，请重新输入（再错 {left} 次账号将被锁定）。</source>
        <translation>Wrong password. Enter it again ({left} more wrong attempts lock the account).</translation>
    </message>
    <message>
        <source>没有这个用户，或该用户已停用。</source>
        <translation>There is no such user, or the user is disabled.</translation>
    </message>
    <message>
        <source>原密码不正确，请重新输入。</source>
        <translation>The old password is wrong. Enter it again.</translation>
    </message>
    <message>
        <source>新密码不能与原密码相同，请换一个。</source>
        <translation>The new password must differ from the old one. Choose another.</translation>
    </message>
    <message>
        <source>排队小票由叫号模块打印，不在文书打印中编号。</source>
        <translation>Queue tickets are printed by the queue module and are not numbered with the documents.</translation>
    </message>
    <message>
        <source>这份文书没有关联办件（case_id），无法归档。请从办件中打印。</source>
        <translation>This document has no case (case_id), so it cannot be filed. Print it from the case.</translation>
    </message>
    <message>
        <source>找不到这份文书的打印记录，无法补打。请等待同步完成后再试。</source>
        <translation>No print record of this document was found, so it cannot be reprinted. Wait for the sync to finish and try again.</translation>
    </message>
    <message>
        <source>未知的打印状态：{state}</source>
        <translation>Unknown print state: {state}</translation>
    </message>
    <message>
        <source>找不到这份文书的打印记录。请等待同步完成后再试。</source>
        <translation>No print record of this document was found. Wait for the sync to finish and try again.</translation>
    </message>
    <message>
        <source>找不到该评价记录。</source>
        <translation>The rating cannot be found.</translation>
    </message>
    <message>
        <source>只有差评（不满意、非常不满意）需要回访整改。</source>
        <translation>Only negative ratings (dissatisfied, very dissatisfied) need a follow-up and rectification.</translation>
    </message>
    <message>
        <source>请写明回访或整改情况。</source>
        <translation>Describe the follow-up or the rectification.</translation>
    </message>
    <message>
        <source>情况说明最多300字。</source>
        <translation>The description may have at most 300 characters.</translation>
    </message>
    <message>
        <source>该差评已整改完毕。</source>
        <translation>This negative rating has already been rectified.</translation>
    </message>
    <message>
        <source>找不到该办件，可能已被删除或尚未同步。请刷新后重试。</source>
        <translation>The case cannot be found; it may have been deleted or not synced yet. Refresh and try again.</translation>
    </message>
    <message>
        <source>没有找到办件编号为 {number} 的办件。请核对编号，或确认该办件已同步到本机。</source>
        <translation>No case with number {number} was found. Check the number, or make sure the case has been synced to this PC.</translation>
    </message>
    <message>
        <source>事项目录中没有实施编码为 {code} 的事项。请重新搜索选择。</source>
        <translation>The catalog has no item with code {code}. Search and choose again.</translation>
    </message>
    <message>
        <source>事项“{name}”已从事项目录中取消，不能再受理。请告知申请人现行的办理事项或渠道。</source>
        <translation>The item “{name}” has been withdrawn from the catalog and can no longer be accepted. Tell the applicant the current item or channel.</translation>
    </message>
    <message>
        <source>办件 {case_number} 已由{where}{status}，不能再修改。您录入的内容未保存，仍保留在屏幕上。</source>
        <translation>Case {case_number} was already {status} by {where} and can no longer be changed. What you entered was not saved and is still on screen.</translation>
    </message>
    <message>
        <source>办件已作出决定，不能再更改事项。</source>
        <translation>A decision has been made on the case; its items can no longer change.</translation>
    </message>
    <message>
        <source>请填写申请人姓名。</source>
        <translation>Enter the applicant&apos;s name.</translation>
    </message>
    <message>
        <source>请填写单位名称。</source>
        <translation>Enter the organisation&apos;s name.</translation>
    </message>
    <message>
        <source>请填写法定代表人（负责人）姓名。</source>
        <translation>Enter the name of the legal representative (person in charge).</translation>
    </message>
    <message>
        <source>法定代表人（负责人）姓名过长（最多{name_chars}字），请核对后重新填写。</source>
        <translation>The legal representative&apos;s (person in charge&apos;s) name is too long (at most {name_chars} characters). Check it and enter it again.</translation>
    </message>
    <message>
        <source>申请人类型应为个人或单位。</source>
        <translation>The applicant must be a person or an organisation.</translation>
    </message>
    <message>
        <source>名称过长（最多{name_chars}字）。</source>
        <translation>The name is too long (at most {name_chars} characters).</translation>
    </message>
    <message>
        <source>请填写代理人姓名。</source>
        <translation>Enter the agent&apos;s name.</translation>
    </message>
    <message>
        <source>代理人姓名过长（最多{name_chars}字），请核对后重新填写。</source>
        <translation>The agent&apos;s name is too long (at most {name_chars} characters). Check it and enter it again.</translation>
    </message>
    <message>
        <source>代理人办理须提交授权委托书，请核验后勾选“已核验授权委托书”。</source>
        <translation>An agent must submit a power of attorney: check it, then tick “Power of attorney checked”.</translation>
    </message>
    <message>
        <source>办件已作出决定，不能再更改申请人。</source>
        <translation>A decision has been made on the case; the applicant can no longer change.</translation>
    </message>
    <message>
        <source>办件已作出决定，材料审查结果不能再修改。</source>
        <translation>A decision has been made on the case; the material check can no longer change.</translation>
    </message>
    <message>
        <source>“{name}”没有标记为有误，无需更正。</source>
        <translation>“{name}” is not marked defective; it needs no correction.</translation>
    </message>
    <message>
        <source>这份扫描件已经关联到该材料，无需重复添加。</source>
        <translation>This scan is already attached to the material; it need not be added again.</translation>
    </message>
    <message>
        <source>该办件刚被其他窗口处理，您的决定未生效。</source>
        <translation>Another window has just handled this case; your decision did not take effect.</translation>
    </message>
    <message>
        <source>“{name}”不是待补正的容缺材料。</source>
        <translation>“{name}” is not a deferred material awaiting supplement.</translation>
    </message>
    <message>
        <source>该办件的补正期限尚未届满或材料已补齐，不能以逾期未补正为由不予受理。</source>
        <translation>The supplement deadline of this case has not passed, or the materials are complete, so it cannot be rejected for a missed supplement.</translation>
    </message>
    <message>
        <source>延长办理期限必须书面写明理由。</source>
        <translation>Extending the time limit needs a written reason.</translation>
    </message>
    <message>
        <source>延期理由最多200字。</source>
        <translation>The reason for the extension may have at most 200 characters.</translation>
    </message>
    <message>
        <source>延长的工作日数应为1至60。</source>
        <translation>The extension must be 1 to 60 working days.</translation>
    </message>
    <message>
        <source>只有已受理、尚未办结的办件可以延期。</source>
        <translation>Only accepted cases that are not finished can be extended.</translation>
    </message>
    <message>
        <source>办件已于{due_date}到期，超期后不能再补办延期，已列入超期办件。</source>
        <translation>The case was due on {due_date}; an overdue case can no longer be extended and is listed as overdue.</translation>
    </message>
    <message>
        <source>办件当前为“{label}”，不能出件。容缺材料须先补齐。</source>
        <translation>The case is “{label}”, so its result cannot be handed out. The deferred materials must be supplied first.</translation>
    </message>
    <message>
        <source>找不到该反映记录。</source>
        <translation>The complaint cannot be found.</translation>
    </message>
    <message>
        <source>今天没有号码为 {ticket_number} 的排队号。请核对后重新输入。</source>
        <translation>There is no queue ticket {ticket_number} today. Check it and enter it again.</translation>
    </message>
    <message>
        <source>该反映已办结。</source>
        <translation>This complaint has already been closed.</translation>
    </message>
    <message>
        <source>请写明处理进展。</source>
        <translation>Describe the progress.</translation>
    </message>
    <message>
        <source>请写明处理结果。</source>
        <translation>Describe the outcome.</translation>
    </message>
    <message>
        <source>工作表“{sheet}”是空的，第 1 行应为列标题。</source>
        <translation>The sheet “{sheet}” is empty; row 1 must hold the column titles.</translation>
    </message>
    <message>
        <source>工作表“{sheet}”第 1 行缺少列：{missing}。请按目录格式说明补齐列标题。</source>
        <translation>Row 1 of the sheet “{sheet}” lacks the columns: {missing}. Add the column titles as the catalog format describes.</translation>
    </message>
    <message>
        <source>文件“{name}”的扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。</source>
        <translation>The file “{name}” has the extension .xlsx, but it is not an Excel workbook (perhaps another file renamed). Save it as .xlsx in Excel or WPS and import it again.</translation>
    </message>
    <message>
        <source>无法读取工作簿“{name}”：{error}。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。</source>
        <translation>The workbook “{name}” cannot be read: {error}. Save it as .xlsx in Excel or WPS and import it again.</translation>
    </message>
    <message>
        <source>工作簿“{filename}”缺少工作表“{name}”（现有：{sheetnames}）。目录工作簿应包含{sheet_info}、{sheet_items}、{sheet_materials}、{sheet_steps}四个工作表。</source>
        <translation>The workbook “{filename}” lacks the sheet “{name}” (it has: {sheetnames}). A catalog workbook must have the four sheets {sheet_info}, {sheet_items}, {sheet_materials} and {sheet_steps}.</translation>
    </message>
    <message>
        <source>工作表“{sheet_info}”缺少“格式版本”。</source>
        <translation>The sheet “{sheet_info}” lacks the “格式版本” (format version).</translation>
    </message>
    <message>
        <source>目录工作簿的格式版本 {fv} 不受支持（本程序支持版本 {format_version}）。</source>
        <translation>Format version {fv} of the catalog workbook is not supported (this program supports version {format_version}).</translation>
    </message>
    <message>
        <source>工作表“{sheet_info}”缺少“目录版本”。</source>
        <translation>The sheet “{sheet_info}” lacks the “目录版本” (catalog version).</translation>
    </message>
    <message>
        <source>工作表“{sheet_items}”超过 {max_items} 个事项的上限。</source>
        <translation>The sheet “{sheet_items}” has more than the limit of {max_items} items.</translation>
    </message>
    <message>
        <source>工作表“{sheet_items}”第 {n} 行的“实施编码”为空。</source>
        <translation>The item code on row {n} of the sheet “{sheet_items}” is empty.</translation>
    </message>
    <message>
        <source>实施编码“{code}”重复：工作表“{sheet_items}”第 {rownum} 行和第 {n} 行。每个事项的实施编码必须唯一。</source>
        <translation>The item code “{code}” appears twice: rows {rownum} and {n} of the sheet “{sheet_items}”. Every item&apos;s code must be unique.</translation>
    </message>
    <message>
        <source>工作表“{sheet_materials}”第 {n} 行的实施编码“{code}”在“{sheet_items}”表中不存在。</source>
        <translation>The item code “{code}” on row {n} of the sheet “{sheet_materials}” does not exist in the sheet “{sheet_items}”.</translation>
    </message>
    <message>
        <source>工作表“{sheet_materials}”第 {n} 行：事项“{code}”（{sheet_items}表第 {rownum} 行）的申请材料超过每个事项 {max_materials_per_item} 项的上限。请检查是否把多个事项的材料合并到了一起。</source>
        <translation>Sheet “{sheet_materials}”, row {n}: item “{code}” (row {rownum} of the sheet {sheet_items}) has more than the limit of {max_materials_per_item} materials per item. Check whether the materials of several items were merged.</translation>
    </message>
    <message>
        <source>工作表“{sheet_steps}”第 {n} 行的实施编码“{code}”在“{sheet_items}”表中不存在。</source>
        <translation>The item code “{code}” on row {n} of the sheet “{sheet_steps}” does not exist in the sheet “{sheet_items}”.</translation>
    </message>
    <message>
        <source>工作表“{sheet_steps}”第 {n} 行的“流程类型”应为“办理流程”或“业务流程”，当前为“{flow}”。</source>
        <translation>The flow type on row {n} of the sheet “{sheet_steps}” must be “办理流程” (handling) or “业务流程” (business); it is “{flow}”.</translation>
    </message>
    <message>
        <source>工作表“{sheet_steps}”第 {n} 行：事项“{code}”的{flow}超过 {max_steps_per_flow} 个环节。</source>
        <translation>Sheet “{sheet_steps}”, row {n}: the {flow} of item “{code}” has more than {max_steps_per_flow} steps.</translation>
    </message>
    <message>
        <source>请扫描收件凭证或受理通知书上的条码，或输入办件编号。</source>
        <translation>Scan the barcode on the materials receipt or the acceptance notice, or enter the case number.</translation>
    </message>
    <message>
        <source>“{value}”不是办件编号。请扫描受理通知书上的办件条码。</source>
        <translation>“{value}” is not a case number. Scan the case barcode on the acceptance notice.</translation>
    </message>
    <message>
        <source>办件 {number} 的结果已于{delivered_on} {delivered_at}由{receiver_name}领取（{delivery_methods}），不能重复发放。</source>
        <translation>The result of case {number} was collected by {receiver_name} on {delivered_on} {delivered_at} ({delivery_methods}); it cannot be handed out again.</translation>
    </message>
    <message>
        <source>办件 {number} 当前为“{status}”，结果尚未可领取。</source>
        <translation>Case {number} is “{status}”; its result is not ready for pickup yet.</translation>
    </message>
    <message>
        <source>办件 {case_number} 当前为“{status}”，不能发放结果。</source>
        <translation>Case {case_number} is “{status}”; its result cannot be handed out.</translation>
    </message>
    <message>
        <source>请选择送达方式：窗口领取、邮寄、电子送达或自助领取。</source>
        <translation>Choose how the result is delivered: pickup at the window, post, electronic delivery or self-service.</translation>
    </message>
    <message>
        <source>请选择领取人是申请人本人还是代理人。</source>
        <translation>Choose whether the person collecting is the applicant or an agent.</translation>
    </message>
    <message>
        <source>领取人姓名过长（最多{name_chars}字），请核对后重新填写。</source>
        <translation>The name of the person collecting is too long (at most {name_chars} characters). Check it and enter it again.</translation>
    </message>
    <message>
        <source>领取人身份证号与申请人不一致。如由他人代领，请选择“代理人”并核验授权委托书。</source>
        <translation>The ID number of the person collecting differs from the applicant&apos;s. If someone else collects, choose “Agent” and check the power of attorney.</translation>
    </message>
    <message>
        <source>请填写代领人姓名。</source>
        <translation>Enter the name of the person collecting on the applicant&apos;s behalf.</translation>
    </message>
    <message>
        <source>请填写邮件的运单号（8至30位字母或数字）。</source>
        <translation>Enter the parcel&apos;s tracking number (8 to 30 letters or digits).</translation>
    </message>
    <message>
        <source>该办件结果刚由其他窗口发放，本次发放未生效。</source>
        <translation>Another window has just handed out this case&apos;s result; this handover did not take effect.</translation>
    </message>
    <message>
        <source>{why}如需办理，请由有权限的人员登录。</source>
        <translation>{why} To do this, a user with the permission must sign in.</translation>
    </message>
    <message>
        <source>无法保存文件“{path}”：{strerror}。请换一个文件夹或检查磁盘空间。</source>
        <translation>The file “{path}” cannot be saved: {strerror}. Choose another folder or check the free disk space.</translation>
    </message>
    <message>
        <source>处理说明最多200字，请精简后再确认。</source>
        <translation>The handling note may have at most 200 characters. Shorten it and confirm again.</translation>
    </message>
    <message>
        <source>该提醒已由 {by} 确认。</source>
        <translation>This alert has already been acknowledged by {by}.</translation>
    </message>
    <message>
        <source>文件“{name}”是旧版 Excel 97-2003 格式。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。</source>
        <translation>The file “{name}” is in the old Excel 97-2003 format. Save it as .xlsx in Excel or WPS and import it again.</translation>
    </message>
    <message>
        <source>不支持 {suffix} 文件“{name}”：CSV 无法容纳事项、材料和流程三张表。请使用 JSON 或 XLSX 格式（见目录格式说明）。</source>
        <translation>{suffix} files are not supported (“{name}”): a CSV cannot hold the three tables of items, materials and flows. Use JSON or XLSX (see the catalog format description).</translation>
    </message>
    <message>
        <source>不支持的文件类型“{value}”（{name}）。事项目录只能是 .json 或 .xlsx 文件。</source>
        <translation>Unsupported file type “{value}” ({name}). A service item catalog must be a .json or .xlsx file.</translation>
    </message>
    <message>
        <source>事项目录有 {errors_count} 处错误，未导入任何事项。第一处：事项 {item_code}{where}的“{field_name}”——{message} 请先用“desk-app catalog lint”检查并修正。</source>
        <translation>The catalog has {errors_count} errors; no item was imported. The first: “{field_name}” of item {item_code}{where} — {message} Check and correct it first with “desk-app catalog lint”.</translation>
    </message>
    <message>
        <source>缺少目录版本号，不能导入。</source>
        <translation>The catalog version is missing; the catalog cannot be imported.</translation>
    </message>
    <message>
        <source>该事项已从目录中撤销（{name}，实施编码 {code}），不能再受理。请告知申请人现行的办理事项或渠道。</source>
        <translation>This item has been withdrawn from the catalog ({name}, item code {code}) and can no longer be accepted. Tell the applicant the current item or channel.</translation>
    </message>
    <message>
        <source>未知的个人信息字段：{field_name}</source>
        <translation>Unknown personal data field: {field_name}</translation>
    </message>
    <message>
        <source>本机不能使用 Windows 打印队列（缺少 pywin32 组件），请重新安装本程序。</source>
        <translation>This PC cannot use the Windows print queue (pywin32 is missing). Reinstall the program.</translation>
    </message>
    <message>
        <source>本机没有设置默认打印机。请在打印设置中为这种文书选择打印机。</source>
        <translation>This PC has no default printer. Choose a printer for this kind of document in the print settings.</translation>
    </message>
    <message>
        <source>Windows 打印队列拒绝了文书（{error}）。请检查打印机“{name}”后重打。</source>
        <translation>The Windows print queue refused the document ({error}). Check the printer “{name}” and print again.</translation>
    </message>
    <message>
        <source>评价器无法通信：请检查评价器连线</source>
        <translation>The rating pad does not answer: check its cable</translation>
    </message>
    <message>
        <source>高拍仪分辨率只有 {width}×{height}，达不到存档要求（A4 按 200 dpi 需要至少 {min_width}×{min_height}）：请在外设设置中选择更高的分辨率，或更换高拍仪</source>
        <translation>The document camera&apos;s resolution is only {width}×{height}, below what archiving needs (A4 at 200 dpi needs at least {min_width}×{min_height}): choose a higher resolution in the device settings, or use another document camera</translation>
    </message>
    <message>
        <source>图像数据无法读取：请重新拍摄</source>
        <translation>The image data cannot be read: capture it again</translation>
    </message>
    <message>
        <source>没有可以合成的页面：请先拍摄材料</source>
        <translation>There are no pages to combine: capture the material first</translation>
    </message>
    <message>
        <source>无法把文书写入文件夹 {target_dir}：{strerror}。请检查磁盘空间和文件夹权限，或在打印设置中换一个文件夹。</source>
        <translation>The document cannot be written to the folder {target_dir}: {strerror}. Check the free disk space and the folder&apos;s permissions, or choose another folder in the print settings.</translation>
    </message>
    <message>
        <source>本机没有安装 CUPS 打印系统（找不到 lp 命令），无法打印文书。请安装 cups 和打印机驱动后重试。</source>
        <translation>The CUPS printing system is not installed on this PC (no lp command), so documents cannot be printed. Install cups and the printer driver and try again.</translation>
    </message>
    <message>
        <source>打印系统（CUPS）没有响应，文书未能送出。请检查 CUPS 服务是否运行后重打。</source>
        <translation>The printing system (CUPS) does not answer; the document was not sent. Check that the CUPS service runs, then print again.</translation>
    </message>
    <message>
        <source>找不到打印机{where}。请在打印设置中重新选择打印机。</source>
        <translation>The printer{where} cannot be found. Choose the printer again in the print settings.</translation>
    </message>
    <message>
        <source>打印机{where}暂停接收任务。请在系统打印设置中启用它后重打。</source>
        <translation>The printer{where} is paused and takes no jobs. Enable it in the system&apos;s printer settings, then print again.</translation>
    </message>
    <message>
        <source>打印机{where}没有接收文书（{value}）。请检查打印机后重打。</source>
        <translation>The printer{where} did not take the document ({value}). Check the printer, then print again.</translation>
    </message>
    <message>
        <source>打不开小票打印机串口 {port}：{error}。请检查连接线和设置中的串口号。</source>
        <translation>The ticket printer&apos;s serial port {port} cannot be opened: {error}. Check the cable and the serial port in the settings.</translation>
    </message>
    <message>
        <source>向小票打印机发送数据失败：{error}。请检查连接线后重新打印。</source>
        <translation>Sending data to the ticket printer failed: {error}. Check the cable and print again.</translation>
    </message>
    <message>
        <source>连接不上网络小票打印机 {host}:{port}（{error}）。请检查打印机电源和网线。</source>
        <translation>The network ticket printer {host}:{port} cannot be reached ({error}). Check the printer&apos;s power and network cable.</translation>
    </message>
    <message>
        <source>向网络小票打印机发送数据失败（{error}），请检查网络后重新打印。</source>
        <translation>Sending data to the network ticket printer failed ({error}). Check the network and print again.</translation>
    </message>
    <message>
        <source>本机不能通过系统打印队列打印小票（缺少 pywin32），请改用串口或网络连接。</source>
        <translation>This PC cannot print tickets through the system print queue (pywin32 is missing). Use a serial or network connection instead.</translation>
    </message>
    <message>
        <source>系统打印队列拒绝了小票（{error}），请检查打印机“{printer_name}”。</source>
        <translation>The system print queue refused the ticket ({error}). Check the printer “{printer_name}”.</translation>
    </message>
    <message>
        <source>高拍仪已关闭，本次拍摄未完成</source>
        <translation>The document camera was closed; this capture did not finish</translation>
    </message>
    <message>
        <source>拍照失败：{value}。请重试</source>
        <translation>The capture failed: {value}. Try again</translation>
    </message>
    <message>
        <source>高拍仪没有画面：请检查高拍仪后重试</source>
        <translation>The document camera shows no picture: check it and try again</translation>
    </message>
    <message>
        <source>未设置窗口屏端口：请在外设设置中选择 RS-485 端口</source>
        <translation>The window LED display&apos;s port is not set: choose the RS-485 port in the device settings</translation>
    </message>
    <message>
        <source>数据密钥长度应为 {key_bytes} 字节（SM4），收到 {data_key_count} 字节。</source>
        <translation>The data key must be {key_bytes} bytes (SM4); it is {data_key_count} bytes.</translation>
    </message>
    <message>
        <source>个人信息无法解密：数据密钥不对，或数据已损坏。请联系系统管理员核对本机的数据密钥；没有改动任何数据。</source>
        <translation>Personal data cannot be decrypted: the data key is wrong, or the data is damaged. Ask the system administrator to check this PC&apos;s data key; no data was changed.</translation>
    </message>
    <message>
        <source>附件无法解密：数据密钥不对，或文件已损坏。请联系系统管理员核对本机的数据密钥；没有改动任何数据。</source>
        <translation>The attachment cannot be decrypted: the data key is wrong or the file is damaged. Ask the system administrator to check this PC's data key; no data was changed.</translation>
    </message>
    <message>
        <source>发布的“{kind}”不是一组记录，请检查文件格式后重新发布。</source>
        <translation>The published “{kind}” is not a list of records. Check the file format and publish again.</translation>
    </message>
    <message>
        <source>发布的“{kind}”中有一条记录缺少“{key}”字段，请补全后重新发布。</source>
        <translation>A record in the published “{kind}” lacks the field “{key}”. Complete it and publish again.</translation>
    </message>
    <message>
        <source>发布的“{kind}”中“{key}”为“{r}”的记录重复，请删去重复的一条。</source>
        <translation>The published “{kind}” has two records whose “{key}” is “{r}”. Delete one of them.</translation>
    </message>
    <message>
        <source>发布的大厅资料不是一个 JSON 对象，请检查文件格式后重新发布。</source>
        <translation>The published hall data is not a JSON object. Check the file format and publish again.</translation>
    </message>
    <message>
        <source>类别 {prefix} 的 settings 应是一个对象（如 {{&quot;sectors&quot;: [...]}}）。</source>
        <translation>The settings of category {prefix} must be an object (e.g. {{&quot;sectors&quot;: [...]}}).</translation>
    </message>
    <message>
        <source>窗口号必须是整数，请检查发布的窗口资料。</source>
        <translation>A window number must be a whole number. Check the published window data.</translation>
    </message>
    <message>
        <source>无法保存：{why}请缩短或更正所填内容后重试，已输入的内容仍保留。</source>
        <translation>Cannot save: {why} Shorten or correct what you entered and try again; your input is still there.</translation>
    </message>
    <message>
        <source>无法打开本机数据库：{orig}。请检查磁盘空间和文件权限。</source>
        <translation>The local database cannot be opened: {orig}. Check the free disk space and the file permissions.</translation>
    </message>
    <message>
        <source>磁盘已满，无法保存。请清理磁盘空间后重试，已输入的内容仍保留。</source>
        <translation>The disk is full, nothing could be saved. Free some disk space and try again; your input is still there.</translation>
    </message>
    <message>
        <source>数据库正忙，请稍后重试，已输入的内容仍保留。</source>
        <translation>The database is busy. Try again shortly; your input is still there.</translation>
    </message>
    <message>
        <source>数据库文件只读，无法保存。请联系管理员检查文件权限。</source>
        <translation>The database file is read-only, nothing could be saved. Ask the administrator to check the file permissions.</translation>
    </message>
    <message>
        <source>保存失败：{orig}。请重试，已输入的内容仍保留。</source>
        <translation>Saving failed: {orig}. Try again; your input is still there.</translation>
    </message>
    <message>
        <source>类别 {category} 今日本机离线可用号码已用完。请恢复网络连接后再取号。</source>
        <translation>This PC has used up its offline numbers for category {category} today. Restore the network connection, then issue the ticket.</translation>
    </message>
    <message>
        <source>附件无法保存到本机磁盘：{strerror}。请检查磁盘空间后重试。</source>
        <translation>The attachment cannot be saved to this PC&apos;s disk: {strerror}. Check the free disk space and try again.</translation>
    </message>
    <message>
        <source>本机没有这个附件（{sha256}…），请等待同步完成后再打开。</source>
        <translation>This PC does not have the attachment ({sha256}…). Wait for the sync to finish, then open it.</translation>
    </message>
    <message>
        <source>本机没有这个附件（{sha256}…），也暂时无法从中心服务器取回：{message}</source>
        <translation>This PC does not have the attachment ({sha256}…), and it cannot be fetched from the central server right now: {message}</translation>
    </message>
    <message>
        <source>从中心服务器取回的附件（{sha256}…）校验不符，未保存。请稍后重试。</source>
        <translation>The attachment fetched from the central server ({sha256}…) failed its check and was not saved. Try again later.</translation>
    </message>
    <message>
        <source>无法用 Windows 数据保护（DPAPI）处理数据密钥：请用本机原来的 Windows 账号登录。</source>
        <translation>Windows data protection (DPAPI) cannot process the data key: sign in with this PC&apos;s original Windows account.</translation>
    </message>
    <message>
        <source>读取数据密钥文件失败：{strerror}。请检查 {path} 的权限。</source>
        <translation>Reading the data key file failed: {strerror}. Check the permissions of {path}.</translation>
    </message>
    <message>
        <source>数据密钥文件 {path} 已损坏（长度不对）。请联系系统管理员恢复密钥；没有改动任何数据。</source>
        <translation>The data key file {path} is damaged (wrong length). Ask the system administrator to restore the key; no data was changed.</translation>
    </message>
    <message>
        <source>本机已有数据密钥 {path}，不能覆盖。</source>
        <translation>This PC already has a data key {path}; it cannot be overwritten.</translation>
    </message>
    <message>
        <source>找不到数据密钥文件 {path}，而本机数据库已加密。请从备份恢复该文件，或联系系统管理员；没有改动任何数据。</source>
        <translation>The data key file {path} cannot be found, but this PC&apos;s database is encrypted. Restore the file from a backup or contact the system administrator; no data was changed.</translation>
    </message>
    <message>
        <source>本机还没有数据密钥。</source>
        <translation>This PC has no data key yet.</translation>
    </message>
    <message>
        <source>数据密钥与本机数据库不匹配（可能是另一台电脑或另一个大厅的密钥）。请换回正确的密钥文件；没有改动任何数据。</source>
        <translation>The data key does not match this PC&apos;s database (it may be another PC&apos;s or another hall&apos;s key). Put the right key file back; no data was changed.</translation>
    </message>
    <message>
        <source>未知的文书种类：{kind}。可用：{kinds}</source>
        <translation>Unknown document kind: {kind}. Available: {kinds}</translation>
    </message>
    <message>
        <source>文书内容不完整，缺少：{missing}。请补全后再打印。</source>
        <translation>The document is incomplete; missing: {missing}. Complete it and print again.</translation>
    </message>
    <message>
        <source>文书缺少大厅名称，请在大厅设置中填写。</source>
        <translation>The document lacks the hall&apos;s name. Fill it in in the hall settings.</translation>
    </message>
    <message>
        <source>文书模板 {name} 格式有误：{error}。请修改后重试。</source>
        <translation>The document template {name} is malformed: {error}. Correct it and try again.</translation>
    </message>
    <message>
        <source>没有“{kind}”的文书模板，请检查 printouts 目录。</source>
        <translation>There is no document template for “{kind}”. Check the printouts folder.</translation>
    </message>
    <message>
        <source>“{kind}”不是办件文书，不能从办件生成。</source>
        <translation>“{kind}” is not a case document and cannot be produced from a case.</translation>
    </message>
    <message>
        <source>请至少选择一个业务类别。</source>
        <translation>Choose at least one service category.</translation>
    </message>
    <message>
        <source>{window} 号窗口不是潮汐窗口，不能切换业务类别。</source>
        <translation>Window {window} is not a tidal window; its categories cannot be switched.</translation>
    </message>
    <message>
        <source>号码 {number} 已因打印失败作废，请重新取号。</source>
        <translation>Ticket {number} was voided because it failed to print. Please take a new ticket.</translation>
    </message>
    <message>
        <source>找不到该号码，可能已被其他电脑处理。请刷新后重试。</source>
        <translation>This ticket was not found; another PC may have handled it. Refresh and try again.</translation>
    </message>
    <message>
        <source>号码 {number} 当前为“{status}”{where}，不能{action}。请刷新本窗口的号码。</source>
        <translation>Ticket {number} is now “{status}”{where}, so it cannot be {action}. Refresh this window&apos;s tickets.</translation>
    </message>
    <message>
        <source>{number} 号窗口未配置。请在窗口设置中添加。</source>
        <translation>Window {number} is not set up. Add it in the window settings.</translation>
    </message>
    <message>
        <source>没有业务类别“{prefix}”。请在类别列表中选择。</source>
        <translation>There is no service category “{prefix}”. Choose one from the list.</translation>
    </message>
    <message>
        <source>业务类别“{name}”今日已停止取号。请引导申请人办理其他类别或次日再来。</source>
        <translation>Category “{name}” has stopped issuing tickets today. Guide the applicant to another category or to come back tomorrow.</translation>
    </message>
    <message>
        <source>今日叫号已结束，不能再取号。请引导申请人次日再来或预约。</source>
        <translation>Calling has ended for today; no more tickets can be issued. Guide the applicant to come back tomorrow or book an appointment.</translation>
    </message>
    <message>
        <source>预约时段的结束时间必须晚于开始时间。</source>
        <translation>The end of the appointment slot must be later than its start.</translation>
    </message>
    <message>
        <source>业务类别“{category}”已停用，不能预约。请选择其他类别。</source>
        <translation>Category “{category}” is disabled and cannot be booked. Choose another category.</translation>
    </message>
    <message>
        <source>预约码 {code} 已存在。</source>
        <translation>Appointment code {code} already exists.</translation>
    </message>
    <message>
        <source>没有找到该预约。</source>
        <translation>This appointment was not found.</translation>
    </message>
    <message>
        <source>预约码 {code} 已签到取号，不能取消。</source>
        <translation>Appointment {code} has already checked in and taken a ticket; it cannot be cancelled.</translation>
    </message>
    <message>
        <source>{window} 号窗口未开放，不能叫号。</source>
        <translation>Window {window} is not open and cannot call.</translation>
    </message>
    <message>
        <source>{window} 号窗口已暂停，请先恢复服务再叫号。</source>
        <translation>Window {window} is paused. Resume service before calling.</translation>
    </message>
    <message>
        <source>本窗口的 {current_number} 号还未办结。请先办结、过号、挂起或转移，再叫下一号。</source>
        <translation>Ticket {current_number} at this window is not finished. Finish, skip, suspend or transfer it before calling the next.</translation>
    </message>
    <message>
        <source>本窗口的业务暂无等候的号码。</source>
        <translation>No tickets are waiting for this window&apos;s services.</translation>
    </message>
    <message>
        <source>今天没有号码 {number}。过号受理只适用于当天的号码。</source>
        <translation>There is no ticket {number} today. Serving a skipped ticket applies to today&apos;s tickets only.</translation>
    </message>
    <message>
        <source>号码 {number} 当前为“{status}”，不是过号，不能过号受理。</source>
        <translation>Ticket {number} is “{status}”, not skipped, so it cannot be served as a skipped ticket.</translation>
    </message>
    <message>
        <source>{window} 号窗口已暂停，请先恢复服务。</source>
        <translation>Window {window} is paused. Resume service first.</translation>
    </message>
    <message>
        <source>本窗口的 {number} 号还未办结。请先办结、过号、挂起或转移，再受理过号。</source>
        <translation>Ticket {number} at this window is not finished. Finish, skip, suspend or transfer it before serving a skipped ticket.</translation>
    </message>
    <message>
        <source>请填写转移原因。</source>
        <translation>Enter the reason for the transfer.</translation>
    </message>
    <message>
        <source>请选择转往的业务类别、窗口或工作人员。</source>
        <translation>Choose the category, window or clerk to transfer to.</translation>
    </message>
    <message>
        <source>不能转移到本窗口。</source>
        <translation>A ticket cannot be transferred to this same window.</translation>
    </message>
    <message>
        <source>{to_window} 号窗口未开放，不能转入。请选择其他窗口。</source>
        <translation>Window {to_window} is not open and cannot take transfers. Choose another window.</translation>
    </message>
    <message>
        <source>{to_window} 号窗口已暂停，不能转入。请选择其他窗口或稍后再转。</source>
        <translation>Window {to_window} is paused and cannot take transfers. Choose another window or transfer later.</translation>
    </message>
    <message>
        <source>没有在岗的工作人员“{to_clerk}”。请重新选择。</source>
        <translation>No clerk “{to_clerk}” is on duty. Choose again.</translation>
    </message>
    <message>
        <source>保存期限应为 1 至 {max_years} 年的整数，收到“{years}”。</source>
        <translation>The retention period must be a whole number of years from 1 to {max_years}; got “{years}”.</translation>
    </message>
</context>
<context>
    <name>PrintKinds</name>
    <message>
        <source>排队小票</source>
        <translation>Queue ticket</translation>
    </message>
    <message>
        <source>一次性告知通知书</source>
        <translation>One-time notice of missing materials</translation>
    </message>
    <message>
        <source>收件凭证</source>
        <translation>Materials receipt</translation>
    </message>
    <message>
        <source>受理通知书</source>
        <translation>Acceptance notice</translation>
    </message>
    <message>
        <source>补齐补正通知书</source>
        <translation>Notice to complete or correct materials</translation>
    </message>
    <message>
        <source>不予受理决定书</source>
        <translation>Decision not to accept</translation>
    </message>
    <message>
        <source>不予受理告知书（非本部门）</source>
        <translation>Notice of non-acceptance (not this department)</translation>
    </message>
    <message>
        <source>领取回执</source>
        <translation>Pickup receipt</translation>
    </message>
    <message>
        <source>日报封面</source>
        <translation>Daily report cover</translation>
    </message>
</context>
</TS>
