<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
    <context>
        <name>ApplicantForm</name>
        <message>
            <source>申请人</source>
            <translation>Applicant</translation>
        </message>
        <message>
            <source>个人</source>
            <translation>Person</translation>
        </message>
        <message>
            <source>单位</source>
            <translation>Organisation</translation>
        </message>
        <message>
            <source>18位身份证号，可扫码</source>
            <translation>18-digit ID card number, or scan it</translation>
        </message>
        <message>
            <source>18位统一社会信用代码</source>
            <translation>18-character unified social credit code</translation>
        </message>
        <message>
            <source>代理人办理</source>
            <translation>Handled by an agent</translation>
        </message>
        <message>
            <source>已核验授权委托书</source>
            <translation>Power of attorney checked</translation>
        </message>
        <message>
            <source>保存申请人</source>
            <translation>Save applicant</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>姓名/名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>身份证号</source>
            <translation>ID card number</translation>
        </message>
        <message>
            <source>信用代码</source>
            <translation>Credit code</translation>
        </message>
        <message>
            <source>法定代表人</source>
            <translation>Legal representative</translation>
        </message>
        <message>
            <source>手机号码</source>
            <translation>Mobile number</translation>
        </message>
        <message>
            <source>代理人姓名</source>
            <translation>Agent's name</translation>
        </message>
        <message>
            <source>代理人身份证号</source>
            <translation>Agent's ID number</translation>
        </message>
        <message>
            <source>代理人手机</source>
            <translation>Agent's mobile</translation>
        </message>
    </context>
    <context>
        <name>ApplicantScreen</name>
        <message>
            <source>欢迎来到%1</source>
            <translation>Welcome to %1</translation>
        </message>
        <message>
            <source>政务服务中心</source>
            <translation>Government Service Center</translation>
        </message>
        <message>
            <source>申请材料</source>
            <translation>Documents</translation>
        </message>
        <message>
            <source>请您对本次服务进行评价（自愿）</source>
            <translation>Please rate our service (optional)</translation>
        </message>
        <message>
            <source>您的意见和建议（选填，最多150字）</source>
            <translation>Your comments (optional, up to 150 characters)</translation>
        </message>
        <message>
            <source>提交评价</source>
            <translation>Submit rating</translation>
        </message>
        <message>
            <source>不评价</source>
            <translation>Skip</translation>
        </message>
        <message>
            <source>感谢您的评价！</source>
            <translation>Thank you for your rating!</translation>
        </message>
        <message>
            <source>办件编号 %1</source>
            <translation>Case number %1</translation>
        </message>
        <message>
            <source>办理事项：%1</source>
            <translation>Services: %1</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <source>（正在选择）</source>
            <translation>(being chosen)</translation>
        </message>
        <message>
            <source>申请人：%1</source>
            <translation>Applicant: %1</translation>
        </message>
        <message>
            <source>正在审查材料</source>
            <translation>Checking documents</translation>
        </message>
        <message>
            <source>，缺少或需补正 %1 份</source>
            <translation>, %1 missing or to be corrected</translation>
        </message>
        <message>
            <source>已受理，承诺于 %1 前办结</source>
            <translation>Accepted, to be completed by %1</translation>
        </message>
        <message>
            <source>；请于 %1 前补齐容缺材料</source>
            <translation>; please supply the deferred documents by %1</translation>
        </message>
        <message>
            <source>请按《一次性告知通知书》于 %1 前补齐材料</source>
            <translation>Please supply the documents listed in the One-Time Notice by %1</translation>
        </message>
    </context>
    <context>
        <name>Application</name>
        <message>
            <source>政务服务中心前台系统</source>
            <translation>Government Service Center Front Desk</translation>
        </message>
    </context>
    <context>
        <name>BookingDialog</name>
        <message>
            <source>这一天该类别已没有可预约的时段，请换一天或换一个类别。</source>
            <translation>No free time slots for this category on this day. Choose another day or category.</translation>
        </message>
        <message>
            <source>预约登记</source>
            <translation>Book an appointment</translation>
        </message>
        <message>
            <source>要办的事项（可选）：名称或拼音首字母</source>
            <translation>Service (optional): name or pinyin initials</translation>
        </message>
        <message>
            <source>预约人姓名</source>
            <translation>Name of the person booking</translation>
        </message>
        <message>
            <source>11 位手机号码</source>
            <translation>11-digit mobile number</translation>
        </message>
        <message>
            <source>身份证号（可选）</source>
            <translation>ID card number (optional)</translation>
        </message>
        <message>
            <source>事项</source>
            <translation>Service</translation>
        </message>
        <message>
            <source>业务类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>时段</source>
            <translation>Time slot</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>手机号</source>
            <translation>Mobile</translation>
        </message>
        <message>
            <source>身份证号</source>
            <translation>ID card number</translation>
        </message>
        <message>
            <source>确认预约</source>
            <translation>Confirm booking</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>预约人</source>
            <translation>Booked by</translation>
        </message>
        <message>
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>为选中的预约签到取号</source>
            <translation>Check in the selected booking and issue a ticket</translation>
        </message>
        <message>
            <source>%1（%2）</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>已过</source>
            <translation>Past</translation>
        </message>
        <message>
            <source>已满</source>
            <translation>Full</translation>
        </message>
        <message>
            <source>余 %1</source>
            <translation>%1 left</translation>
        </message>
        <message>
            <source>网上预约</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>导办台</source>
            <translation>Guide desk</translation>
        </message>
        <message>
            <source>演示</source>
            <translation>Demo</translation>
        </message>
        <message>
            <source>待签到</source>
            <translation>Not checked in</translation>
        </message>
        <message>
            <source>已签到</source>
            <translation>Checked in</translation>
        </message>
        <message>
            <source>已取消</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>今日预约 %1 个，以后几天 %2 个（只有今日的可签到）</source>
            <translation>%1 bookings today, %2 on later days (only today's can check in)</translation>
        </message>
        <message>
            <source>该事项没有设置排队类别，请直接选择业务类别。</source>
            <translation>This service has no queue category. Please choose a category directly.</translation>
        </message>
        <message>
            <source>请选择一个还有名额的时段。</source>
            <translation>Please choose a time slot with places left.</translation>
        </message>
        <message>
            <source>正在预约……</source>
            <translation>Booking...</translation>
        </message>
        <message>
            <source>预约成功。预约码 %1（%2 %3–%4）。请告诉预约人：到场后凭预约码或预约短信二维码在导办台签到取号。</source>
            <translation>Booked. Booking code %1 (%2 %3–%4). Tell the person: on arrival, check in at the guide desk with the code or the QR code in the text message.</translation>
        </message>
        <message>
            <source>%m月%d日</source>
            <translation>%d %b</translation>
        </message>
        <message>
            <source>预约时程序出错，没有预约。请重试。</source>
            <translation>The program failed while booking; nothing was booked. Please try again.</translation>
        </message>
    </context>
    <context>
        <name>CalendarStatus</name>
        <message>
            <source>⚠ %1 年节假日安排未发布</source>
            <translation>⚠ Public holidays for %1 not published</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
    </context>
    <context>
        <name>CameraCaptureWidget</name>
        <message>
            <source>高拍仪未打开</source>
            <translation>Document camera is not open</translation>
        </message>
        <message>
            <source>拍摄</source>
            <translation>Capture</translation>
        </message>
        <message>
            <source>删除最后一页</source>
            <translation>Delete last page</translation>
        </message>
        <message>
            <source>完成并保存</source>
            <translation>Done, save</translation>
        </message>
        <message>
            <source>程序出错，已记录日志。请重试。</source>
            <translation>A program error occurred and was logged. Please try again.</translation>
        </message>
        <message>
            <source>正在拍摄…</source>
            <translation>Capturing...</translation>
        </message>
        <message>
            <source>第 {0} 页</source>
            <translation>Page {0}</translation>
        </message>
        <message>
            <source>（未识别到纸张边缘，已保存整幅画面）</source>
            <translation>(page edges not found; the whole picture was saved)</translation>
        </message>
        <message>
            <source>已拍摄 {0} 页</source>
            <translation>{0} pages captured</translation>
        </message>
        <message>
            <source>正在保存…</source>
            <translation>Saving...</translation>
        </message>
        <message>
            <source>已保存 {0} 页</source>
            <translation>{0} pages saved</translation>
        </message>
    </context>
    <context>
        <name>CategoryButton</name>
        <message>
            <source>今日已停止取号</source>
            <translation>No more tickets today</translation>
        </message>
        <message>
            <source>等候 %1 人 · 约 %2 分钟</source>
            <translation>%1 waiting · about %2 min</translation>
        </message>
        <message>
            <source>无需等候</source>
            <translation>No wait</translation>
        </message>
    </context>
    <context>
        <name>ChecklistModel</name>
        <message>
            <source>材料</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>审查结果</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>原件/复印件</source>
            <translation>Original/copy</translation>
        </message>
        <message>
            <source>份数</source>
            <translation>Copies</translation>
        </message>
        <message>
            <source>有误原因</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>说明</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>附件</source>
            <translation>Attachments</translation>
        </message>
        <message>
            <source>当场更正</source>
            <translation>Corrected here</translation>
        </message>
        <message>
            <source>（请选择）</source>
            <translation>(choose)</translation>
        </message>
        <message>
            <source>扫描件(%1)</source>
            <translation>Scans (%1)</translation>
        </message>
        <message>
            <source>已更正</source>
            <translation>Corrected</translation>
        </message>
        <message>
            <source>可容缺</source>
            <translation>May be deferred</translation>
        </message>
        <message>
            <source>可告知承诺</source>
            <translation>Pledge allowed</translation>
        </message>
    </context>
    <context>
        <name>ChecklistPanel</name>
        <message>
            <source>材料审查</source>
            <translation>Document check</translation>
        </message>
        <message>
            <source>空格 已收并下移 · 1已收 2缺少 3有误 4容缺 5承诺 · 回车 展开 · Del 更正 · Ctrl+回车 扫描件</source>
            <translation>Space received, next · 1 received 2 missing 3 faulty 4 deferred 5 pledge · Enter expand · Del corrected · Ctrl+Enter scan</translation>
        </message>
    </context>
    <context>
        <name>ClerkWorkspace</name>
        <message>
            <source>叫号</source>
            <translation>Call</translation>
        </message>
        <message>
            <source>收件受理</source>
            <translation>Intake</translation>
        </message>
        <message>
            <source>无号办件</source>
            <translation>Case without ticket</translation>
        </message>
        <message>
            <source>申请人没有排队号时直接开办件</source>
            <translation>Open a case directly when the applicant has no queue ticket</translation>
        </message>
        <message>
            <source>补打文书</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <source>查找办件，重打它已出具的文书（标明补打）</source>
            <translation>Find a case and reprint a document it was given (marked as a reprint)</translation>
        </message>
    </context>
    <context>
        <name>ComplaintWindow</name>
        <message>
            <source>登记反映</source>
            <translation>Record a complaint</translation>
        </message>
        <message>
            <source>（请选择类别）</source>
            <translation>(choose a category)</translation>
        </message>
        <message>
            <source>没有办成的事情、经过和诉求</source>
            <translation>What could not be done, what happened and what the person asks for</translation>
        </message>
        <message>
            <source>今日排队号，如 A023</source>
            <translation>Today's ticket, e.g. A023</translation>
        </message>
        <message>
            <source>办件编号（可扫码）</source>
            <translation>Case number (can be scanned)</translation>
        </message>
        <message>
            <source>登记</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>问题描述</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>反映人</source>
            <translation>Complainant</translation>
        </message>
        <message>
            <source>联系电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>关联排队号</source>
            <translation>Related ticket</translation>
        </message>
        <message>
            <source>关联办件</source>
            <translation>Related case</translation>
        </message>
        <message>
            <source>编号</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>办结期限</source>
            <translation>Due date</translation>
        </message>
        <message>
            <source>关联</source>
            <translation>Related</translation>
        </message>
        <message>
            <source>问题</source>
            <translation>Issue</translation>
        </message>
        <message>
            <source>跟进所选反映</source>
            <translation>Follow up selected complaint</translation>
        </message>
        <message>
            <source>处理进展</source>
            <translation>Progress</translation>
        </message>
        <message>
            <source>承办人/部门</source>
            <translation>Handled by</translation>
        </message>
        <message>
            <source>记录进展</source>
            <translation>Record progress</translation>
        </message>
        <message>
            <source>处理结果</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>未回访</source>
            <translation>Not contacted</translation>
        </message>
        <message>
            <source>反映人满意</source>
            <translation>Complainant satisfied</translation>
        </message>
        <message>
            <source>反映人不满意</source>
            <translation>Complainant not satisfied</translation>
        </message>
        <message>
            <source>办结</source>
            <translation>Resolve</translation>
        </message>
        <message>
            <source>反映记录（未办结在前）</source>
            <translation>Complaints (open ones first)</translation>
        </message>
        <message>
            <source>已登记反映 %1，办结期限 %2。</source>
            <translation>Complaint %1 recorded, due %2.</translation>
        </message>
    </context>
    <context>
        <name>ConcealedField</name>
        <message>
            <source>显示完整号码</source>
            <translation>Show full number</translation>
        </message>
        <message>
            <source>查看完整证件号会被记录（操作人、时间、办件）</source>
            <translation>Viewing the full ID number is logged (who, when, which case)</translation>
        </message>
    </context>
    <context>
        <name>DecisionPanel</name>
        <message>
            <source>受理</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>容缺受理</source>
            <translation>Accepted, documents deferred</translation>
        </message>
        <message>
            <source>即办办结</source>
            <translation>Completed on the spot</translation>
        </message>
        <message>
            <source>一次性告知</source>
            <translation>One-time notice</translation>
        </message>
        <message>
            <source>不予受理</source>
            <translation>Refused</translation>
        </message>
        <message>
            <source>非本部门事项</source>
            <translation>Not handled here</translation>
        </message>
        <message>
            <source>办理结果</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>非本部门事项：应到哪个部门或渠道办理</source>
            <translation>Not handled here: which office or channel handles it</translation>
        </message>
        <message>
            <source>不予受理的理由</source>
            <translation>Reason for refusal</translation>
        </message>
        <message>
            <source>法律依据（可选）</source>
            <translation>Legal basis (optional)</translation>
        </message>
        <message>
            <source>不予受理时告知的行政复议机关</source>
            <translation>Review authority named in a refusal</translation>
        </message>
        <message>
            <source>不予受理时告知的行政诉讼法院</source>
            <translation>Court named in a refusal</translation>
        </message>
        <message>
            <source>已出具文书（双击预览）</source>
            <translation>Documents issued (double-click to preview)</translation>
        </message>
        <message>
            <source>预览所选文书</source>
            <translation>Preview selected document</translation>
        </message>
        <message>
            <source>邀请评价</source>
            <translation>Ask for a rating</translation>
        </message>
        <message>
            <source>申请人已离开（待评价）</source>
            <translation>Applicant has left (rating pending)</translation>
        </message>
        <message>
            <source>结束本次服务</source>
            <translation>End this service</translation>
        </message>
        <message>
            <source>办理部门/渠道</source>
            <translation>Office/channel</translation>
        </message>
        <message>
            <source>结果送达</source>
            <translation>Result delivery</translation>
        </message>
        <message>
            <source>理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>依据</source>
            <translation>Legal basis</translation>
        </message>
        <message>
            <source>复议机关</source>
            <translation>Review authority</translation>
        </message>
        <message>
            <source>人民法院</source>
            <translation>Court</translation>
        </message>
    </context>
    <context>
        <name>DelayedProgress</name>
        <message>
            <source>已取消，未生成文件。</source>
            <translation>Cancelled; no file was created.</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>DeviceHealth</name>
        <message>
            <source>正常</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>降级</source>
            <translation>Degraded</translation>
        </message>
        <message>
            <source>未连接</source>
            <translation>Not connected</translation>
        </message>
        <message>
            <source>故障</source>
            <translation>Fault</translation>
        </message>
        <message>
            <source>未知</source>
            <translation>Unknown</translation>
        </message>
        <message>
            <source>不可用</source>
            <translation>off</translation>
        </message>
        <message>
            <source>%1：%2</source>
            <translation>%1: %2</translation>
        </message>
    </context>
    <context>
        <name>DeviceHealthStrip</name>
        <message>
            <source>扫码枪</source>
            <translation>Barcode</translation>
        </message>
        <message>
            <source>高拍仪</source>
            <translation>Camera</translation>
        </message>
        <message>
            <source>扫描仪</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <source>评价器</source>
            <translation>Rating</translation>
        </message>
        <message>
            <source>窗口屏</source>
            <translation>LED</translation>
        </message>
        <message>
            <source>小票打印机</source>
            <translation>Printer</translation>
        </message>
        <message>
            <source>语音播报</source>
            <translation>Voice</translation>
        </message>
        <message>
            <source>%1%2</source>
            <translation>%1 %2</translation>
        </message>
    </context>
    <context>
        <name>DeviceSettingsPage</name>
        <message>
            <source>外设状态</source>
            <translation>Device status</translation>
        </message>
        <message>
            <source>设备</source>
            <translation>Device</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>说明</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>测试结果</source>
            <translation>Test result</translation>
        </message>
        <message>
            <source>测试</source>
            <translation>Test</translation>
        </message>
        <message>
            <source>正在测试…</source>
            <translation>Testing...</translation>
        </message>
        <message>
            <source>测试时程序出错，已记录日志。</source>
            <translation>A program error occurred during the test and was logged.</translation>
        </message>
        <message>
            <source>外设设置</source>
            <translation>Device settings</translation>
        </message>
        <message>
            <source>（未设置）</source>
            <translation>(not set)</translation>
        </message>
        <message>
            <source> 端口</source>
            <translation> port</translation>
        </message>
        <message>
            <source>评价屏显示器</source>
            <translation>Rating screen monitor</translation>
        </message>
        <message>
            <source>大厅屏显示器</source>
            <translation>Hall display monitor</translation>
        </message>
        <message>
            <source>（自动：第二块屏幕）</source>
            <translation>(automatic: second screen)</translation>
        </message>
        <message>
            <source>文书打印机（A4）</source>
            <translation>Document printers (A4)</translation>
        </message>
        <message>
            <source>打印测试页</source>
            <translation>Print test page</translation>
        </message>
        <message>
            <source>正在打印测试页……</source>
            <translation>Printing test page...</translation>
        </message>
    </context>
    <context>
        <name>DocScanWidget</name>
        <message>
            <source>进纸器（多页）</source>
            <translation>Feeder (several pages)</translation>
        </message>
        <message>
            <source>平板（单页）</source>
            <translation>Flatbed (one page)</translation>
        </message>
        <message>
            <source>扫描</source>
            <translation>Scan</translation>
        </message>
        <message>
            <source>清空</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>完成并保存</source>
            <translation>Done, save</translation>
        </message>
        <message>
            <source>请放入材料后点“扫描”</source>
            <translation>Put the document in, then click "Scan"</translation>
        </message>
        <message>
            <source>已扫描 {0} 页</source>
            <translation>{0} pages scanned</translation>
        </message>
        <message>
            <source>程序出错，已记录日志。请重试。</source>
            <translation>A program error occurred and was logged. Please try again.</translation>
        </message>
        <message>
            <source>正在扫描…</source>
            <translation>Scanning...</translation>
        </message>
        <message>
            <source>正在扫描… 第 {0} 页</source>
            <translation>Scanning... page {0}</translation>
        </message>
        <message>
            <source>已保存 {0} 页</source>
            <translation>{0} pages saved</translation>
        </message>
    </context>
    <context>
        <name>EarlierCasesLine</name>
        <message>
            <source>查看</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>此人此前在本厅办件 %1 件</source>
            <translation>Earlier cases of this person in this hall: %1</translation>
        </message>
        <message>
            <source>……另有 %1 件</source>
            <translation>…and %1 more</translation>
        </message>
        <message>
            <source>收起</source>
            <translation>Hide</translation>
        </message>
    </context>
    <context>
        <name>FollowUpPanel</name>
        <message>
            <source>受理后事项</source>
            <translation>After acceptance</translation>
        </message>
        <message>
            <source>延期理由（必须书面写明）</source>
            <translation>Reason for extension (required in writing)</translation>
        </message>
        <message>
            <source>延长期限</source>
            <translation>Extend deadline</translation>
        </message>
        <message>
            <source>收取所选容缺材料</source>
            <translation>Receive selected deferred documents</translation>
        </message>
        <message>
            <source>逾期未补正，不予受理</source>
            <translation>Not supplied in time: refuse</translation>
        </message>
        <message>
            <source>办结，待领取</source>
            <translation>Completed, ready for pickup</translation>
        </message>
    </context>
    <context>
        <name>GuideDesk</name>
        <message>
            <source>咨询导办 · 取号</source>
            <translation>Enquiries · Tickets</translation>
        </message>
        <message>
            <source>输入要办的事项：名称或拼音首字母，如 gtgsh</source>
            <translation>Type the service: name or pinyin initials, e.g. gtgsh</translation>
        </message>
        <message>
            <source>绿色通道：</source>
            <translation>Priority lane:</translation>
        </message>
        <message>
            <source>预约码：输入或扫码后按回车</source>
            <translation>Booking code: type or scan, then press Enter</translation>
        </message>
        <message>
            <source>预约签到取号</source>
            <translation>Check in booking</translation>
        </message>
        <message>
            <source>预约登记</source>
            <translation>Book an appointment</translation>
        </message>
        <message>
            <source>已打出，交给群众</source>
            <translation>Printed, handed over</translation>
        </message>
        <message>
            <source>没有打出，作废</source>
            <translation>Not printed, void it</translation>
        </message>
        <message>
            <source>%1（%2）</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>该事项没有设置排队类别，请直接点选类别按钮。</source>
            <translation>This service has no queue category. Please click a category button.</translation>
        </message>
        <message>
            <source>正在出号……</source>
            <translation>Issuing ticket...</translation>
        </message>
        <message>
            <source>正在签到……</source>
            <translation>Checking in...</translation>
        </message>
        <message>
            <source>出号时程序出错，没有出号。请重试。</source>
            <translation>The program failed while issuing; no ticket was issued. Please try again.</translation>
        </message>
        <message>
            <source>绿色通道</source>
            <translation>Priority</translation>
        </message>
        <message>
            <source>预约</source>
            <translation>Booked</translation>
        </message>
        <message>
            <source>政务服务中心</source>
            <translation>Government Service Center</translation>
        </message>
        <message>
            <source>没有连接小票打印机，请在外设设置中配置后重试。</source>
            <translation>No ticket printer is connected. Set one up in the device settings and try again.</translation>
        </message>
        <message>
            <source>正在打印 %1……</source>
            <translation>Printing %1...</translation>
        </message>
        <message>
            <source>打印时程序出错</source>
            <translation>A program error occurred while printing</translation>
        </message>
        <message>
            <source>号码 %1：%2</source>
            <translation>Ticket %1: %2</translation>
        </message>
        <message>
            <source>%1 没有出号（号码 %2 作废）。请处理打印机后重新取号。</source>
            <translation>%1 was not issued (ticket %2 is void). Fix the printer and issue a new ticket.</translation>
        </message>
        <message>
            <source>小票没有打出</source>
            <translation>Ticket not printed</translation>
        </message>
        <message>
            <source>前面还有 %1 人</source>
            <translation>%1 ahead</translation>
        </message>
        <message>
            <source>无需等候</source>
            <translation>No wait</translation>
        </message>
        <message>
            <source>已出号 %1（%2）</source>
            <translation>Issued %1 (%2)</translation>
        </message>
    </context>
    <context>
        <name>HallDisplay</name>
        <message>
            <source>叫号大屏</source>
            <translation>Hall display</translation>
        </message>
        <message>
            <source>政务服务中心</source>
            <translation>Government Service Center</translation>
        </message>
        <message>
            <source>欢迎光临</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <source>最近叫号</source>
            <translation>Recent calls</translation>
        </message>
        <message>
            <source>各窗口正在办理</source>
            <translation>Now serving</translation>
        </message>
        <message>
            <source>%1(%2) 等候 %3 人</source>
            <translation>%1 (%2): %3 waiting</translation>
        </message>
        <message>
            <source>%1  →  %2 号窗口</source>
            <translation>%1  →  window %2</translation>
        </message>
        <message>
            <source>请 %1 号 到 %2 号窗口</source>
            <translation>Number %1, please go to window %2</translation>
        </message>
        <message>
            <source>暂停服务</source>
            <translation>Paused</translation>
        </message>
        <message>
            <source>空闲</source>
            <translation>Free</translation>
        </message>
        <message>
            <source>%1号窗口：%2</source>
            <translation>Window %1: %2</translation>
        </message>
    </context>
    <context>
        <name>HallOverview</name>
        <message>
            <source>窗口</source>
            <translation>Window</translation>
        </message>
        <message>
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>工作人员</source>
            <translation>Staff</translation>
        </message>
        <message>
            <source>当前号码</source>
            <translation>Current ticket</translation>
        </message>
        <message>
            <source>已用时</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>等候人数</source>
            <translation>Waiting</translation>
        </message>
        <message>
            <source>最长等候</source>
            <translation>Longest wait</translation>
        </message>
        <message>
            <source>预计等候(分)</source>
            <translation>Est. wait (min)</translation>
        </message>
        <message>
            <source>办理窗口</source>
            <translation>Windows</translation>
        </message>
        <message>
            <source>开始</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>提醒</source>
            <translation>Alert</translation>
        </message>
        <message>
            <source>确认</source>
            <translation>Acknowledge</translation>
        </message>
        <message>
            <source>处理说明（可不填）</source>
            <translation>Note (optional)</translation>
        </message>
        <message>
            <source>确认提醒</source>
            <translation>Acknowledge alert</translation>
        </message>
        <message>
            <source>确认时间</source>
            <translation>Acknowledged at</translation>
        </message>
        <message>
            <source>确认人</source>
            <translation>Acknowledged by</translation>
        </message>
        <message>
            <source>处理说明</source>
            <translation>Note</translation>
        </message>
        <message>
            <source>业务类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>今日提醒记录</source>
            <translation>Today's alerts</translation>
        </message>
        <message>
            <source>暂停</source>
            <translation>Paused</translation>
        </message>
        <message>
            <source>办理中</source>
            <translation>In progress</translation>
        </message>
        <message>
            <source>已叫号</source>
            <translation>Called</translation>
        </message>
        <message>
            <source>挂起</source>
            <translation>On hold</translation>
        </message>
        <message>
            <source>空闲</source>
            <translation>Free</translation>
        </message>
        <message>
            <source>（%1）</source>
            <translation> (%1)</translation>
        </message>
        <message>
            <source>%1 已确认</source>
            <translation>%1 acknowledged</translation>
        </message>
        <message>
            <source>待确认</source>
            <translation>Not acknowledged</translation>
        </message>
        <message>
            <source>开放窗口 %1 个，办理中 %2 个；等候 %3 人；待确认提醒 %4 条</source>
            <translation>%1 windows open, %2 serving; %3 waiting; %4 alerts to acknowledge</translation>
        </message>
        <message>
            <source>请先在提醒列表中选择一条提醒。</source>
            <translation>Please select an alert in the list first.</translation>
        </message>
    </context>
    <context>
        <name>IntakeScreen</name>
        <message>
            <source>键盘：↑↓ 选材料；空格 = 已收并到下一行；1 已收 2 缺少 3 有误（再选原因）4 容缺 5 告知承诺；回车 = 展开审查结果；Delete = 当场更正；Ctrl+回车 = 扫描件</source>
            <translation>Keys: ↑↓ choose document; Space = received, next row; 1 received 2 missing 3 faulty (then a reason) 4 deferred 5 pledge; Enter = expand result; Delete = corrected here; Ctrl+Enter = scan</translation>
        </message>
        <message>
            <source>尚未开始办件</source>
            <translation>No case started yet</translation>
        </message>
        <message>
            <source>知道了</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>新建办件（无排队号）</source>
            <translation>New case (no queue ticket)</translation>
        </message>
        <message>
            <source>输入或扫描办件编号，继续办理</source>
            <translation>Type or scan a case number to continue it</translation>
        </message>
        <message>
            <source>排队号 %1：正在开办件……</source>
            <translation>Ticket %1: opening a case...</translation>
        </message>
        <message>
            <source>该排队号已有未办结的办件 %1，继续办理。</source>
            <translation>This ticket already has open case %1; continuing it.</translation>
        </message>
        <message>
            <source>  承诺办结：%1</source>
            <translation>  Due: %1</translation>
        </message>
        <message>
            <source>%1号窗口</source>
            <translation>Window %1</translation>
        </message>
        <message>
            <source>其他窗口</source>
            <translation>another window</translation>
        </message>
        <message>
            <source>本机离线期间，%1已将该办件处理为“%2”，本机随后的%3项操作未生效。</source>
            <translation>While this PC was offline, %1 set this case to "%2"; %3 later actions on this PC did not take effect.</translation>
        </message>
        <message>
            <source>共 %1 份：</source>
            <translation>%1 copies:</translation>
        </message>
        <message>
            <source>，</source>
            <translation>, </translation>
        </message>
        <message>
            <source>请为该材料选择有误的原因。</source>
            <translation>Please choose what is wrong with this document.</translation>
        </message>
        <message>
            <source>该材料不能选择此审查结果。</source>
            <translation>This result is not allowed for this document.</translation>
        </message>
        <message>
            <source>选择扫描件</source>
            <translation>Choose scanned file</translation>
        </message>
        <message>
            <source>扫描件 (*.pdf *.jpg *.jpeg *.png)</source>
            <translation>Scans (*.pdf *.jpg *.jpeg *.png)</translation>
        </message>
        <message>
            <source>采集材料：%1</source>
            <translation>Capture document: %1</translation>
        </message>
        <message>
            <source>高拍仪</source>
            <translation>Document camera</translation>
        </message>
        <message>
            <source>扫描仪</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <source>从文件选择…</source>
            <translation>From a file...</translation>
        </message>
        <message>
            <source>无法读取文件：%1</source>
            <translation>Cannot read the file: %1</translation>
        </message>
        <message>
            <source>请先选择办理事项或开始办件。</source>
            <translation>Please choose a service or start a case first.</translation>
        </message>
        <message>
            <source>扫码内容无效</source>
            <translation>Invalid scan</translation>
        </message>
    </context>
    <context>
        <name>ItemPicker</name>
        <message>
            <source>办理事项</source>
            <translation>Services</translation>
        </message>
        <message>
            <source>拼音首字母、名称或实施编码，如 gtgsh</source>
            <translation>Pinyin initials, name or service code, e.g. gtgsh</translation>
        </message>
        <message>
            <source>移除所选事项</source>
            <translation>Remove selected</translation>
        </message>
        <message>
            <source>已选事项</source>
            <translation>Selected services</translation>
        </message>
        <message>
            <source>%1（%2）</source>
            <translation>%1 (%2)</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <source>审查中</source>
            <translation>Checking</translation>
        </message>
        <message>
            <source>已一次性告知</source>
            <translation>One-time notice given</translation>
        </message>
        <message>
            <source>已受理</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>容缺受理</source>
            <translation>Accepted, documents deferred</translation>
        </message>
        <message>
            <source>待领取</source>
            <translation>Ready for pickup</translation>
        </message>
        <message>
            <source>已送达</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <source>即办办结</source>
            <translation>Completed on the spot</translation>
        </message>
        <message>
            <source>不予受理(非本部门)</source>
            <translation>Refused (not this office)</translation>
        </message>
        <message>
            <source>不予受理</source>
            <translation>Refused</translation>
        </message>
        <message>
            <source>未审查</source>
            <translation>Not checked</translation>
        </message>
        <message>
            <source>已收</source>
            <translation>Received</translation>
        </message>
        <message>
            <source>缺少</source>
            <translation>Missing</translation>
        </message>
        <message>
            <source>有误</source>
            <translation>Faulty</translation>
        </message>
        <message>
            <source>容缺</source>
            <translation>Deferred</translation>
        </message>
        <message>
            <source>告知承诺</source>
            <translation>Pledge</translation>
        </message>
        <message>
            <source>证件已过有效期</source>
            <translation>Document has expired</translation>
        </message>
        <message>
            <source>字迹或影像不清晰</source>
            <translation>Writing or image unclear</translation>
        </message>
        <message>
            <source>填写不完整</source>
            <translation>Not filled in completely</translation>
        </message>
        <message>
            <source>缺少签字或盖章</source>
            <translation>Signature or seal missing</translation>
        </message>
        <message>
            <source>信息与其他材料不一致</source>
            <translation>Does not match other documents</translation>
        </message>
        <message>
            <source>不符合法定形式</source>
            <translation>Not in the legal form</translation>
        </message>
        <message>
            <source>纸张规格不符</source>
            <translation>Wrong paper size</translation>
        </message>
        <message>
            <source>份数不足</source>
            <translation>Not enough copies</translation>
        </message>
        <message>
            <source>应提交原件</source>
            <translation>Original required</translation>
        </message>
        <message>
            <source>其他</source>
            <translation>Other</translation>
        </message>
        <message>
            <source>窗口领取</source>
            <translation>Pickup at window</translation>
        </message>
        <message>
            <source>邮寄送达</source>
            <translation>By post</translation>
        </message>
        <message>
            <source>电子送达</source>
            <translation>Electronic</translation>
        </message>
        <message>
            <source>自助领取</source>
            <translation>Self-service pickup</translation>
        </message>
        <message>
            <source>非常满意</source>
            <translation>Very satisfied</translation>
        </message>
        <message>
            <source>满意</source>
            <translation>Satisfied</translation>
        </message>
        <message>
            <source>基本满意</source>
            <translation>Fairly satisfied</translation>
        </message>
        <message>
            <source>不满意</source>
            <translation>Dissatisfied</translation>
        </message>
        <message>
            <source>非常不满意</source>
            <translation>Very dissatisfied</translation>
        </message>
        <message>
            <source>服务热情周到</source>
            <translation>Warm and attentive</translation>
        </message>
        <message>
            <source>办事高效快捷</source>
            <translation>Quick and efficient</translation>
        </message>
        <message>
            <source>一次办好</source>
            <translation>Done in one visit</translation>
        </message>
        <message>
            <source>指引清晰明白</source>
            <translation>Clear guidance</translation>
        </message>
        <message>
            <source>环境舒适便利</source>
            <translation>Comfortable hall</translation>
        </message>
        <message>
            <source>等候时间较长</source>
            <translation>Rather long wait</translation>
        </message>
        <message>
            <source>流程有待简化</source>
            <translation>Process could be simpler</translation>
        </message>
        <message>
            <source>解释不够清楚</source>
            <translation>Explanation not clear enough</translation>
        </message>
        <message>
            <source>服务态度不好</source>
            <translation>Unfriendly service</translation>
        </message>
        <message>
            <source>等候时间过长</source>
            <translation>Wait far too long</translation>
        </message>
        <message>
            <source>多次跑动</source>
            <translation>Had to come several times</translation>
        </message>
        <message>
            <source>材料要求不清楚</source>
            <translation>Document requirements unclear</translation>
        </message>
        <message>
            <source>办理效率低</source>
            <translation>Slow handling</translation>
        </message>
        <message>
            <source>服务态度恶劣</source>
            <translation>Rude service</translation>
        </message>
        <message>
            <source>多次跑动仍未办成</source>
            <translation>Came several times, still not done</translation>
        </message>
        <message>
            <source>推诿扯皮</source>
            <translation>Passed from desk to desk</translation>
        </message>
        <message>
            <source>超时未办结</source>
            <translation>Not completed in time</translation>
        </message>
        <message>
            <source>一次性告知不到位</source>
            <translation>Requirements not told all at once</translation>
        </message>
        <message>
            <source>违规收费</source>
            <translation>Improper fees</translation>
        </message>
        <message>
            <source>取号数</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>办结号数</source>
            <translation>Tickets served</translation>
        </message>
        <message>
            <source>过号数</source>
            <translation>No-shows</translation>
        </message>
        <message>
            <source>转移数</source>
            <translation>Transfers</translation>
        </message>
        <message>
            <source>等候时间中位数(分)</source>
            <translation>Median wait (min)</translation>
        </message>
        <message>
            <source>等候时间P90(分)</source>
            <translation>P90 wait (min)</translation>
        </message>
        <message>
            <source>办理时间中位数(分)</source>
            <translation>Median service (min)</translation>
        </message>
        <message>
            <source>办理时间P90(分)</source>
            <translation>P90 service (min)</translation>
        </message>
        <message>
            <source>办件数</source>
            <translation>Cases</translation>
        </message>
        <message>
            <source>一次性告知数</source>
            <translation>One-time notices</translation>
        </message>
        <message>
            <source>一次性告知率</source>
            <translation>One-time notice rate</translation>
        </message>
        <message>
            <source>超期办件数</source>
            <translation>Overdue cases</translation>
        </message>
        <message>
            <source>延期办件数</source>
            <translation>Extended cases</translation>
        </message>
        <message>
            <source>评价数</source>
            <translation>Ratings</translation>
        </message>
        <message>
            <source>满意率</source>
            <translation>Satisfaction rate</translation>
        </message>
        <message>
            <source>差评数</source>
            <translation>Negative ratings</translation>
        </message>
        <message>
            <source>差评整改率</source>
            <translation>Negative ratings resolved</translation>
        </message>
        <message>
            <source>办不成事反映数</source>
            <translation>Could-not-be-done complaints</translation>
        </message>
        <message>
            <source>非本部门</source>
            <translation>Not this office</translation>
        </message>
        <message>
            <source>一次性告知</source>
            <translation>One-time notice</translation>
        </message>
        <message>
            <source>受理</source>
            <translation>Accepted</translation>
        </message>
        <message>
            <source>大厅</source>
            <translation>Hall</translation>
        </message>
        <message>
            <source>业务类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>窗口</source>
            <translation>Window</translation>
        </message>
        <message>
            <source>工作人员</source>
            <translation>Staff</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>事项未能办成</source>
            <translation>Service could not be done</translation>
        </message>
        <message>
            <source>要求提供无依据材料</source>
            <translation>Asked for documents without legal basis</translation>
        </message>
        <message>
            <source>服务态度</source>
            <translation>Service attitude</translation>
        </message>
        <message>
            <source>系统或设备故障</source>
            <translation>System or device failure</translation>
        </message>
        <message>
            <source>已登记</source>
            <translation>Recorded</translation>
        </message>
        <message>
            <source>办理中</source>
            <translation>In progress</translation>
        </message>
        <message>
            <source>已办结</source>
            <translation>Closed</translation>
        </message>
        <message>
            <source>导办</source>
            <translation>Guide</translation>
        </message>
        <message>
            <source>窗口受理</source>
            <translation>Window clerk</translation>
        </message>
        <message>
            <source>出件</source>
            <translation>Pickup clerk</translation>
        </message>
        <message>
            <source>值班长</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <source>系统管理员</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <source>老年人</source>
            <translation>Elderly</translation>
        </message>
        <message>
            <source>残疾人</source>
            <translation>Disabled</translation>
        </message>
        <message>
            <source>现役军人</source>
            <translation>Serving military</translation>
        </message>
        <message>
            <source>孕妇</source>
            <translation>Pregnant</translation>
        </message>
        <message>
            <source>扫码枪</source>
            <translation>Barcode scanner</translation>
        </message>
        <message>
            <source>高拍仪</source>
            <translation>Document camera</translation>
        </message>
        <message>
            <source>扫描仪</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <source>评价器</source>
            <translation>Rating pad</translation>
        </message>
        <message>
            <source>窗口屏</source>
            <translation>Window display</translation>
        </message>
        <message>
            <source>小票打印机</source>
            <translation>Ticket printer</translation>
        </message>
        <message>
            <source>语音播报</source>
            <translation>Voice</translation>
        </message>
        <message>
            <source>已超期</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <source>即将到期</source>
            <translation>Due soon</translation>
        </message>
        <message>
            <source>容缺逾期未补正</source>
            <translation>Deferred documents overdue</translation>
        </message>
        <message>
            <source>密码最短长度</source>
            <translation>Minimum password length</translation>
        </message>
        <message>
            <source>密码至少包含几类字符（小写、大写、数字、符号，1-4）</source>
            <translation>Character classes a password needs (lower case, upper case, digits, symbols; 1-4)</translation>
        </message>
        <message>
            <source>密码有效期（天，0 为永不过期）</source>
            <translation>Password valid for (days, 0 = never expires)</translation>
        </message>
        <message>
            <source>连续输错几次密码后锁定账号（本机计数）</source>
            <translation>Wrong passwords in a row before the account locks (counted on this PC)</translation>
        </message>
        <message>
            <source>账号锁定时长（分钟）</source>
            <translation>Account lock time (minutes)</translation>
        </message>
        <message>
            <source>无操作多少分钟后锁屏（隐藏个人信息，叫号照常；0 为不锁屏）</source>
            <translation>Lock the screen after idle minutes (hides personal data, calling goes on; 0 = never)</translation>
        </message>
    </context>
    <context>
        <name>LedSimulatorWidget</name>
        <message>
            <source>（窗口屏无信号）</source>
            <translation>(window display: no signal)</translation>
        </message>
    </context>
    <context>
        <name>LockPage</name>
        <message>
            <source>屏幕已锁定</source>
            <translation>Screen locked</translation>
        </message>
        <message>
            <source>当前用户：{0}（{1}）。叫号与同步照常进行；请输入本人密码解锁。</source>
            <translation>Signed in: {0} ({1}). Calling and sync go on; enter your own password to unlock.</translation>
        </message>
        <message>
            <source>密码</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>解锁</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <source>切换用户</source>
            <translation>Switch user</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>程序出错</source>
            <translation>Program error</translation>
        </message>
        <message>
            <source>程序遇到了一个内部错误，已记录日志并保存了错误报告。已输入的内容已保留，请重试该操作；如果再次出现，请点“复制报告”发给技术支持。</source>
            <translation>The program hit an internal error. It was logged and an error report was saved. What you entered is kept; please try again. If it happens again, click "Copy report" and send it to technical support.</translation>
        </message>
        <message>
            <source>复制报告</source>
            <translation>Copy report</translation>
        </message>
    </context>
    <context>
        <name>MessageBar</name>
        <message>
            <source>知道了</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>PickupWindow</name>
        <message>
            <source>扫描受理通知书或收件凭证上的条码</source>
            <translation>Scan the barcode on the acceptance notice or the receipt</translation>
        </message>
        <message>
            <source>领取人</source>
            <translation>Collected by</translation>
        </message>
        <message>
            <source>申请人本人</source>
            <translation>Applicant in person</translation>
        </message>
        <message>
            <source>代理人</source>
            <translation>Agent</translation>
        </message>
        <message>
            <source>核验身份证，可扫码</source>
            <translation>Check the ID card, or scan it</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>身份证号</source>
            <translation>ID card number</translation>
        </message>
        <message>
            <source>送达方式</source>
            <translation>Delivery</translation>
        </message>
        <message>
            <source>邮寄运单号</source>
            <translation>Postal tracking number</translation>
        </message>
        <message>
            <source>方式</source>
            <translation>Method</translation>
        </message>
        <message>
            <source>运单号</source>
            <translation>Tracking no.</translation>
        </message>
        <message>
            <source>发放并打印领取回执</source>
            <translation>Hand out and print receipt</translation>
        </message>
        <message>
            <source>补打文书…</source>
            <translation>Reprint...</translation>
        </message>
        <message>
            <source>查找办件，重打它的领取回执、受理通知书等</source>
            <translation>Find a case and reprint its pickup receipt, acceptance notice and so on</translation>
        </message>
        <message>
            <source>办件条码</source>
            <translation>Case barcode</translation>
        </message>
        <message>
            <source>本班已发放</source>
            <translation>Handed out this shift</translation>
        </message>
        <message>
            <source>请扫描条码</source>
            <translation>Please scan the barcode</translation>
        </message>
        <message>
            <source>办件 %1
事项：%2
申请人：%3
结果：%4</source>
            <translation>Case %1
Services: %2
Applicant: %3
Result: %4</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <source>代理人：%1</source>
            <translation>Agent: %1</translation>
        </message>
        <message>
            <source>%1 已发放给 %2（%3）</source>
            <translation>%1 handed out to %2 (%3)</translation>
        </message>
        <message>
            <source>领取回执 %1 正在打印……</source>
            <translation>Printing pickup receipt %1...</translation>
        </message>
        <message>
            <source>领取回执 %1 已打印。</source>
            <translation>Pickup receipt %1 printed.</translation>
        </message>
        <message>
            <source>领取回执 %1：%2 可点“补打文书…”重打。</source>
            <translation>Pickup receipt %1: %2 Click "Reprint..." to print it again.</translation>
        </message>
    </context>
    <context>
        <name>PrintPipeline</name>
        <message>
            <source>%1（%2）</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>系统默认打印机</source>
            <translation>System default printer</translation>
        </message>
        <message>
            <source> 补打%1</source>
            <translation> reprint %1</translation>
        </message>
        <message>
            <source>：%1</source>
            <translation>: %1</translation>
        </message>
        <message>
            <source>（%1）</source>
            <translation> (%1)</translation>
        </message>
        <message>
            <source>%1 已打印%2</source>
            <translation>%1 printed%2</translation>
        </message>
        <message>
            <source>打印时程序出错，已记录日志。请检查打印机后重打。</source>
            <translation>A program error occurred while printing and was logged. Check the printer, then reprint.</translation>
        </message>
        <message>
            <source>无法询问打印结果（{why}）。请到打印机查看，未打出请重打。</source>
            <translation>Could not ask the printer for the result ({why}). Check the printer and reprint if nothing came out.</translation>
        </message>
        <message>
            <source>程序出错，已记录日志</source>
            <translation>program error, logged</translation>
        </message>
        <message>
            <source>%1：%2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>补打失败，已记录日志。请重试。</source>
            <translation>Reprint failed and was logged. Please try again.</translation>
        </message>
        <message>
            <source>打印测试页</source>
            <translation>Print test page</translation>
        </message>
        <message>
            <source>打印测试页时程序出错，已记录日志。</source>
            <translation>A program error occurred while printing the test page and was logged.</translation>
        </message>
        <message>
            <source>测试页已打印（%1）</source>
            <translation>Test page printed (%1)</translation>
        </message>
    </context>
    <context>
        <name>PrintPreviewDialog</name>
        <message>
            <source>打印预览</source>
            <translation>Print preview</translation>
        </message>
        <message>
            <source>缩小</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <source>放大</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <source>适合宽度</source>
            <translation>Fit width</translation>
        </message>
        <message>
            <source>整页</source>
            <translation>Whole page</translation>
        </message>
        <message>
            <source>份数 </source>
            <translation>Copies </translation>
        </message>
        <message>
            <source>打印</source>
            <translation>Print</translation>
        </message>
        <message>
            <source>全部打印</source>
            <translation>Print all</translation>
        </message>
        <message>
            <source>重打</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <source>再打一份，文书上标明“补打”并计数</source>
            <translation>Print another copy, marked "reprint" and counted</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>第 %1 / %2 页（共 %2 页）</source>
            <translation>Page %1 / %2 (%2 pages)</translation>
        </message>
        <message>
            <source>（补打第 %1 次）</source>
            <translation>(reprint no. %1)</translation>
        </message>
        <message>
            <source>打印机：%1</source>
            <translation>Printer: %1</translation>
        </message>
        <message>
            <source>打印预览 - %1</source>
            <translation>Print preview - %1</translation>
        </message>
        <message>
            <source>正在送往打印机：%1</source>
            <translation>Sending to printer: %1</translation>
        </message>
        <message>
            <source>正在生成补打件……</source>
            <translation>Making the reprint...</translation>
        </message>
        <message>
            <source>%1 已送到打印机，正在等待打印结果……</source>
            <translation>%1 sent to the printer, waiting for the result...</translation>
        </message>
        <message>
            <source>%1 已打印。</source>
            <translation>%1 printed.</translation>
        </message>
        <message>
            <source>%1：%2</source>
            <translation>%1: %2</translation>
        </message>
    </context>
    <context>
        <name>PrintStates</name>
        <message>
            <source>未打印</source>
            <translation>Not printed</translation>
        </message>
        <message>
            <source>已送打印机</source>
            <translation>Sent to printer</translation>
        </message>
        <message>
            <source>已打印</source>
            <translation>Printed</translation>
        </message>
        <message>
            <source>打印失败</source>
            <translation>Print failed</translation>
        </message>
        <message>
            <source>状态未知</source>
            <translation>Status unknown</translation>
        </message>
    </context>
    <context>
        <name>PrinterSettingsPage</name>
        <message>
            <source>打印方式</source>
            <translation>Printing method</translation>
        </message>
        <message>
            <source>本机打印系统（Linux：CUPS；Windows：打印队列）</source>
            <translation>This PC's printing system (Linux: CUPS; Windows: print queue)</translation>
        </message>
        <message>
            <source>保存为 PDF 文件（文件夹打印机，演示和测试用）</source>
            <translation>Save as PDF files (folder printer, for demos and tests)</translation>
        </message>
        <message>
            <source>空：数据目录下的 printed 文件夹</source>
            <translation>Empty: the printed folder in the data directory</translation>
        </message>
        <message>
            <source>方式</source>
            <translation>Method</translation>
        </message>
        <message>
            <source>文件夹</source>
            <translation>Folder</translation>
        </message>
        <message>
            <source>每种文书使用的打印机</source>
            <translation>Printer for each document type</translation>
        </message>
        <message>
            <source>打印测试页</source>
            <translation>Print test page</translation>
        </message>
        <message>
            <source>80 毫米</source>
            <translation>80 mm</translation>
        </message>
        <message>
            <source>58 毫米</source>
            <translation>58 mm</translation>
        </message>
        <message>
            <source>刷新打印机列表</source>
            <translation>Refresh printer list</translation>
        </message>
        <message>
            <source>小票纸宽</source>
            <translation>Ticket paper width</translation>
        </message>
        <message>
            <source>文书保存到：%1</source>
            <translation>Documents are saved to: %1</translation>
        </message>
        <message>
            <source>默认打印机（%1）</source>
            <translation>Default printer (%1)</translation>
        </message>
        <message>
            <source>默认打印机</source>
            <translation>Default printer</translation>
        </message>
        <message>
            <source>%1（未连接）</source>
            <translation>%1 (not connected)</translation>
        </message>
        <message>
            <source>本机没有安装打印机，文书将无法打印。请先在系统中添加打印机，或选择“保存为 PDF 文件”。</source>
            <translation>No printer is installed on this PC, so documents cannot be printed. Add a printer in the system first, or choose "Save as PDF files".</translation>
        </message>
        <message>
            <source>正在打印测试页……</source>
            <translation>Printing test page...</translation>
        </message>
    </context>
    <context>
        <name>PrivacyPurgePanel</name>
        <message>
            <source>个人信息保存期限</source>
            <translation>Retention of personal data</translation>
        </message>
        <message>
            <source> 年</source>
            <translation> years</translation>
        </message>
        <message>
            <source>预览</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>清除个人信息…</source>
            <translation>Purge personal data…</translation>
        </message>
        <message>
            <source>确认清除</source>
            <translation>Purge now</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>办结后保存</source>
            <translation>Keep after closing for</translation>
        </message>
        <message>
            <source>到期办件的申请人、代理人和领取人，到期预约的预约人，到期办不成事反映的反映人，其姓名、身份证号、电话及办件的扫描件、存档文书将被清除；办件、预约、反映的记录和统计保留。预约按预约日、反映按办结日计算。</source>
            <translation>Past the retention period, the names, ID numbers and phone numbers of case applicants, agents and receivers, of those who booked appointments and of complainants are erased, with the cases' scans and archived documents; the records of cases, appointments and complaints and the statistics are kept. Appointments count from their slot day, complaints from the day they were resolved.</translation>
        </message>
        <message>
            <source>将清除保存满 {0} 年（{1} 以前）的个人信息：办件 {2} 件，预约 {3} 个，办不成事反映 {4} 件。</source>
            <translation>Personal data kept at least {0} years (before {1}) will be purged: {2} cases, {3} appointments, {4} complaints.</translation>
        </message>
        <message>
            <source>没有保存满 {0} 年的办件、预约或办不成事反映需要清除个人信息。</source>
            <translation>No case, appointment or complaint kept at least {0} years has personal data to purge.</translation>
        </message>
        <message>
            <source>清除后无法恢复。确定清除这 {0} 件办件、{1} 个预约和 {2} 件办不成事反映的个人信息吗？</source>
            <translation>This cannot be undone. Purge the personal data of these {0} cases, {1} appointments and {2} complaints?</translation>
        </message>
        <message>
            <source>已清除 {0} 件办件、{1} 个预约和 {2} 件办不成事反映的个人信息，删除本机附件 {3} 个；其他电脑同步后也会清除。</source>
            <translation>Purged the personal data of {0} cases, {1} appointments and {2} complaints and deleted {3} files on this PC; the other PCs purge theirs when they sync.</translation>
        </message>
        <message>
            <source>只有值班长或系统管理员可以清除个人信息。</source>
            <translation>Only a duty supervisor or an administrator can purge personal data.</translation>
        </message>
        <message>
            <source>保存期限已改为 {0} 年，请重新预览。</source>
            <translation>Retention period changed to {0} years. Preview again.</translation>
        </message>
        <message>
            <source>正在统计…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <source>已取消，没有清除任何信息。</source>
            <translation>Cancelled; nothing was purged.</translation>
        </message>
        <message>
            <source>正在清除…</source>
            <translation>Purging…</translation>
        </message>
    </context>
    <context>
        <name>ProgramWindows</name>
        <message>
            <source>导办台</source>
            <translation>Guide desk</translation>
        </message>
        <message>
            <source>1号窗口</source>
            <translation>Window 1</translation>
        </message>
        <message>
            <source>2号窗口</source>
            <translation>Window 2</translation>
        </message>
        <message>
            <source>8号出件窗口</source>
            <translation>Pickup window 8</translation>
        </message>
        <message>
            <source>办不成事窗口</source>
            <translation>Complaints window</translation>
        </message>
        <message>
            <source>值班长</source>
            <translation>Duty supervisor</translation>
        </message>
        <message>
            <source>外设</source>
            <translation>Devices</translation>
        </message>
        <message>
            <source>打印设置</source>
            <translation>Printing</translation>
        </message>
        <message>
            <source>账号与安全</source>
            <translation>Accounts &amp; security</translation>
        </message>
        <message>
            <source>1号窗口屏（模拟）</source>
            <translation>Window 1 display (simulated)</translation>
        </message>
        <message>
            <source>%1号窗口</source>
            <translation>Window %1</translation>
        </message>
        <message>
            <source>办不成事反映</source>
            <translation>Complaints</translation>
        </message>
        <message>
            <source>%1号出件窗口</source>
            <translation>Pickup window %1</translation>
        </message>
        <message>
            <source>评价屏（申请人）</source>
            <translation>Rating screen (applicant)</translation>
        </message>
        <message>
            <source>演示：文书不送打印机，打印为 PDF 文件，保存在 %1（可在“打印设置”中改为本机打印机）</source>
            <translation>Demo: documents are not sent to a printer but saved as PDF files in %1 (you can choose a real printer under "Printing")</translation>
        </message>
    </context>
    <context>
        <name>ReportCharts</name>
        <message>
            <source>各时段等候时间（分钟）</source>
            <translation>Wait time by hour (minutes)</translation>
        </message>
        <message>
            <source>每小时取号数与办理窗口数</source>
            <translation>Tickets per hour and windows open</translation>
        </message>
        <message>
            <source>每周评价</source>
            <translation>Ratings per week</translation>
        </message>
        <message>
            <source>中位数</source>
            <translation>Median</translation>
        </message>
        <message>
            <source>P90</source>
            <translation>P90</translation>
        </message>
        <message>
            <source>取号时段（时）</source>
            <translation>Ticket hour</translation>
        </message>
        <message>
            <source>取号数</source>
            <translation>Tickets</translation>
        </message>
        <message>
            <source>办理窗口数</source>
            <translation>Windows open</translation>
        </message>
        <message>
            <source>时</source>
            <translation>h</translation>
        </message>
        <message>
            <source>%1起</source>
            <translation>from %1</translation>
        </message>
    </context>
    <context>
        <name>ReportView</name>
        <message>
            <source>日</source>
            <translation>Day</translation>
        </message>
        <message>
            <source>周</source>
            <translation>Week</translation>
        </message>
        <message>
            <source>月</source>
            <translation>Month</translation>
        </message>
        <message>
            <source>自定义</source>
            <translation>Custom</translation>
        </message>
        <message>
            <source>查询</source>
            <translation>Show</translation>
        </message>
        <message>
            <source>打印报表封面</source>
            <translation>Print report cover</translation>
        </message>
        <message>
            <source>周期</source>
            <translation>Period</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>至</source>
            <translation>to</translation>
        </message>
        <message>
            <source>分组</source>
            <translation>Group by</translation>
        </message>
        <message>
            <source>数据</source>
            <translation>Figures</translation>
        </message>
        <message>
            <source>图表</source>
            <translation>Charts</translation>
        </message>
        <message>
            <source>结束日期早于开始日期，请重新选择。</source>
            <translation>The end date is before the start date. Please choose again.</translation>
        </message>
        <message>
            <source>自定义范围最长一年，请缩短范围或分次导出。</source>
            <translation>A custom range can be at most one year. Shorten it or export in parts.</translation>
        </message>
        <message>
            <source>正在统计……</source>
            <translation>Computing figures…</translation>
        </message>
        <message>
            <source>合计</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>统计期间 %1 至 %2（超期与整改按 %3 判断）</source>
            <translation>Period %1 to %2 (overdue and resolved as of %3)</translation>
        </message>
        <message>
            <source>导出Excel</source>
            <translation>Export to Excel</translation>
        </message>
        <message>
            <source>统计报表_%1_%2.xlsx</source>
            <translation>report_%1_%2.xlsx</translation>
        </message>
        <message>
            <source>正在导出Excel……</source>
            <translation>Exporting to Excel...</translation>
        </message>
        <message>
            <source>已取消导出，未生成文件。</source>
            <translation>Export cancelled; no file was created.</translation>
        </message>
        <message>
            <source>已导出：%1</source>
            <translation>Exported: %1</translation>
        </message>
        <message>
            <source>本机未配置打印，或报表尚未查询。</source>
            <translation>Printing is not set up on this PC, or the report has not been shown yet.</translation>
        </message>
    </context>
    <context>
        <name>ReprintDialog</name>
        <message>
            <source>补打文书</source>
            <translation>Reprint</translation>
        </message>
        <message>
            <source>输入或扫描办件编号</source>
            <translation>Type or scan a case number</translation>
        </message>
        <message>
            <source>查找</source>
            <translation>Find</translation>
        </message>
        <message>
            <source>文书</source>
            <translation>Document</translation>
        </message>
        <message>
            <source>文书编号</source>
            <translation>Document no.</translation>
        </message>
        <message>
            <source>出具时间</source>
            <translation>Issued at</translation>
        </message>
        <message>
            <source>打印次数</source>
            <translation>Times printed</translation>
        </message>
        <message>
            <source>其中补打</source>
            <translation>Reprints</translation>
        </message>
        <message>
            <source>最近一次</source>
            <translation>Last printed</translation>
        </message>
        <message>
            <source>预览</source>
            <translation>Preview</translation>
        </message>
        <message>
            <source>重打所选文书</source>
            <translation>Reprint selected document</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>办件编号</source>
            <translation>Case number</translation>
        </message>
        <message>
            <source>办件 %1 还没有出具过文书。</source>
            <translation>Case %1 has not been given any documents yet.</translation>
        </message>
    </context>
    <context>
        <name>ScanRouter</name>
        <message>
            <source>排队小票</source>
            <translation>Queue ticket</translation>
        </message>
        <message>
            <source>办件编号</source>
            <translation>Case number</translation>
        </message>
        <message>
            <source>身份证号</source>
            <translation>ID card number</translation>
        </message>
        <message>
            <source>统一社会信用代码</source>
            <translation>Unified social credit code</translation>
        </message>
        <message>
            <source>营业执照二维码</source>
            <translation>Business licence QR code</translation>
        </message>
        <message>
            <source>电子证照二维码</source>
            <translation>E-licence QR code</translation>
        </message>
        <message>
            <source>预约码</source>
            <translation>Booking code</translation>
        </message>
        <message>
            <source>无法识别的条码</source>
            <translation>Unrecognised barcode</translation>
        </message>
        <message>
            <source>（扫到：%1）</source>
            <translation> (scanned: %1)</translation>
        </message>
        <message>
            <source>。要把它填入某一栏，请先点一下那一栏再扫。</source>
            <translation>. To put it into a field, click that field first, then scan.</translation>
        </message>
        <message>
            <source>条码</source>
            <translation>barcode</translation>
        </message>
        <message>
            <source>扫到的是%1，当前界面用不到它：请在用它的界面再扫；要把它填入某一栏，请先点一下那一栏再扫。</source>
            <translation>That was a %1, which this screen does not use: scan it again on the screen that does. To put it into a field, click that field first, then scan.</translation>
        </message>
    </context>
    <context>
        <name>SecuritySettingsPage</name>
        <message>
            <source>保存安全设置</source>
            <translation>Save security settings</translation>
        </message>
        <message>
            <source>账号与安全（本机）</source>
            <translation>Accounts and security (this PC)</translation>
        </message>
        <message>
            <source>界面语言的更改在下次启动程序时生效。</source>
            <translation>A change of language takes effect the next time the program starts.</translation>
        </message>
        <message>
            <source>界面语言</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>已保存 {0} 项设置。</source>
            <translation>{0} settings saved.</translation>
        </message>
        <message>
            <source>设置没有变化。</source>
            <translation>No settings changed.</translation>
        </message>
    </context>
    <context>
        <name>SessionController</name>
        <message>
            <source>%1（%2）：锁屏、切换用户、退出登录</source>
            <translation>%1 (%2): lock, switch user, sign out</translation>
        </message>
        <message>
            <source>锁屏</source>
            <translation>Lock</translation>
        </message>
        <message>
            <source>切换用户</source>
            <translation>Switch user</translation>
        </message>
        <message>
            <source>退出登录</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>正在验证……</source>
            <translation>Checking...</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>登录</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>政务服务中心前台系统</source>
            <translation>Government Service Center Front Desk</translation>
        </message>
        <message>
            <source>（演示账号，无需密码）</source>
            <translation>(demo account, no password)</translation>
        </message>
        <message>
            <source>%1（%2）</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>请输入密码</source>
            <translation>Enter your password</translation>
        </message>
        <message>
            <source>用户</source>
            <translation>User</translation>
        </message>
        <message>
            <source>密码</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>至少 10 位，含大小写字母、数字或符号中的 3 类</source>
            <translation>At least 10 characters, with 3 of: lower case, upper case, digits, symbols</translation>
        </message>
        <message>
            <source>设置新密码并登录</source>
            <translation>Set new password and sign in</translation>
        </message>
        <message>
            <source>新密码</source>
            <translation>New password</translation>
        </message>
        <message>
            <source>再输一次</source>
            <translation>Repeat</translation>
        </message>
        <message>
            <source>正在验证……</source>
            <translation>Checking...</translation>
        </message>
        <message>
            <source>登录时程序出错，已记录日志。请重试；如果再次出现，请联系技术支持。</source>
            <translation>The program failed while signing in; it was logged. Please try again. If it happens again, contact technical support.</translation>
        </message>
        <message>
            <source>两次输入的新密码不一致，请重新输入。</source>
            <translation>The two new passwords differ. Please enter them again.</translation>
        </message>
    </context>
    <context>
        <name>SimulatorPanel</name>
        <message>
            <source>扫码枪</source>
            <translation>Barcode scanner</translation>
        </message>
        <message>
            <source>扫码</source>
            <translation>Scan</translation>
        </message>
        <message>
            <source>高拍仪</source>
            <translation>Document camera</translation>
        </message>
        <message>
            <source>翻到下一页</source>
            <translation>Next page</translation>
        </message>
        <message>
            <source>扫描仪</source>
            <translation>Scanner</translation>
        </message>
        <message>
            <source>进纸器页数</source>
            <translation>Pages in feeder</translation>
        </message>
        <message>
            <source>第 2 页卡纸</source>
            <translation>Jam on page 2</translation>
        </message>
        <message>
            <source>评价器</source>
            <translation>Rating pad</translation>
        </message>
        <message>
            <source>不评价</source>
            <translation>Skip</translation>
        </message>
        <message>
            <source>窗口屏</source>
            <translation>Window display</translation>
        </message>
        <message>
            <source>拔出</source>
            <translation>Unplug</translation>
        </message>
    </context>
    <context>
        <name>SupervisorConsole</name>
        <message>
            <source>办件编号</source>
            <translation>Case number</translation>
        </message>
        <message>
            <source>评价</source>
            <translation>Rating</translation>
        </message>
        <message>
            <source>窗口</source>
            <translation>Window</translation>
        </message>
        <message>
            <source>工作人员</source>
            <translation>Staff</translation>
        </message>
        <message>
            <source>整改期限</source>
            <translation>Resolve by</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>原因与意见</source>
            <translation>Reasons and comments</translation>
        </message>
        <message>
            <source>回访或整改情况</source>
            <translation>Follow-up or fix</translation>
        </message>
        <message>
            <source>记录回访</source>
            <translation>Record follow-up</translation>
        </message>
        <message>
            <source>整改完成</source>
            <translation>Resolved</translation>
        </message>
        <message>
            <source>差评整改</source>
            <translation>Negative ratings</translation>
        </message>
        <message>
            <source>情况</source>
            <translation>Alert</translation>
        </message>
        <message>
            <source>申请人</source>
            <translation>Applicant</translation>
        </message>
        <message>
            <source>事项</source>
            <translation>Service</translation>
        </message>
        <message>
            <source>承诺办结</source>
            <translation>Due</translation>
        </message>
        <message>
            <source>补正期限</source>
            <translation>Supply by</translation>
        </message>
        <message>
            <source>延期理由</source>
            <translation>Extension reason</translation>
        </message>
        <message>
            <source>超期与临期办件</source>
            <translation>Overdue and due-soon cases</translation>
        </message>
        <message>
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>当前业务类别</source>
            <translation>Current categories</translation>
        </message>
        <message>
            <source>切换为所选类别</source>
            <translation>Switch to selected categories</translation>
        </message>
        <message>
            <source>恢复默认类别</source>
            <translation>Restore default categories</translation>
        </message>
        <message>
            <source>业务类别（括号内为等候人数）</source>
            <translation>Categories (waiting in brackets)</translation>
        </message>
        <message>
            <source>潮汐窗口</source>
            <translation>Flexible windows</translation>
        </message>
        <message>
            <source>打印日报封面</source>
            <translation>Print daily report cover</translation>
        </message>
        <message>
            <source>今日取号、收件、受理、告知、不予受理、出件和评价数，编号后预览打印</source>
            <translation>Today's tickets, intakes, acceptances, notices, refusals, pickups and ratings, numbered, previewed and printed</translation>
        </message>
        <message>
            <source>大厅实况</source>
            <translation>Hall now</translation>
        </message>
        <message>
            <source>统计报表</source>
            <translation>Reports</translation>
        </message>
        <message>
            <source>个人信息清除</source>
            <translation>Personal data purge</translation>
        </message>
        <message>
            <source>暂停</source>
            <translation>Paused</translation>
        </message>
        <message>
            <source>服务中</source>
            <translation>Serving</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <source>%1 %2（%3）</source>
            <translation>%1 %2 (%3)</translation>
        </message>
        <message>
            <source>请先在表中选择一个潮汐窗口。</source>
            <translation>Please select a flexible window in the table first.</translation>
        </message>
        <message>
            <source>待回访</source>
            <translation>To follow up</translation>
        </message>
        <message>
            <source>整改中</source>
            <translation>Being resolved</translation>
        </message>
        <message>
            <source>已整改</source>
            <translation>Resolved</translation>
        </message>
        <message>
            <source>：%1</source>
            <translation>: %1</translation>
        </message>
        <message>
            <source>（已逾期）</source>
            <translation> (overdue)</translation>
        </message>
        <message>
            <source>待整改差评 %1 件（逾期 %2 件）；超期办件 %3 件，临期 %4 件</source>
            <translation>%1 negative ratings to resolve (%2 overdue); %3 cases overdue, %4 due soon</translation>
        </message>
    </context>
    <context>
        <name>SyncStatusWidget</name>
        <message>
            <source>%1 秒</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>%1 分钟</source>
            <translation>%1 min</translation>
        </message>
        <message>
            <source>%1 小时</source>
            <translation>%1 h</translation>
        </message>
        <message>
            <source>立即同步</source>
            <translation>Sync</translation>
        </message>
        <message>
            <source>马上上传本机数据并获取其他窗口的数据</source>
            <translation>Upload this PC's data and fetch the other windows' data now</translation>
        </message>
        <message>
            <source>单机模式（未连接中心服务器）</source>
            <translation>Stand-alone (no central server)</translation>
        </message>
        <message>
            <source>同步状态未知</source>
            <translation>Sync status unknown</translation>
        </message>
        <message>
            <source>● 在线</source>
            <translation>● Online</translation>
        </message>
        <message>
            <source>○ 离线</source>
            <translation>○ Offline</translation>
        </message>
        <message>
            <source>上次同步 %1</source>
            <translation>Synced %1</translation>
        </message>
        <message>
            <source>尚未同步</source>
            <translation>Not synced yet</translation>
        </message>
        <message>
            <source>待上传 %1 条</source>
            <translation>%1 to upload</translation>
        </message>
        <message>
            <source>最早的已等 %1</source>
            <translation>oldest waiting %1</translation>
        </message>
        <message>
            <source>（已等 %1）</source>
            <translation> (waiting %1)</translation>
        </message>
        <message>
            <source>已全部上传</source>
            <translation>All uploaded</translation>
        </message>
        <message>
            <source>%1的电脑时钟偏快约 %2 分钟，请校准该电脑的时间</source>
            <translation>%1's PC clock is about %2 min fast; please correct that PC's time</translation>
        </message>
        <message>
            <source>本机此前时钟偏快，记录时间仍超前 %1 分钟</source>
            <translation>This PC's clock was fast earlier; its record times are still %1 min ahead</translation>
        </message>
        <message>
            <source>%1 条被服务器拒绝</source>
            <translation>%1 refused by the server</translation>
        </message>
        <message>
            <source>附件待传 %1 个</source>
            <translation>%1 attachments to upload</translation>
        </message>
        <message>
            <source>上传受阻：%1</source>
            <translation>Upload blocked: %1</translation>
        </message>
        <message>
            <source>服务器拒绝接收本机待上传的记录：%1 请联系管理员。</source>
            <translation>The server refuses this PC's pending records: %1 Please contact the administrator.</translation>
        </message>
        <message>
            <source>本机时钟与服务器相差 %1 秒，请校准时间</source>
            <translation>This PC's clock is %1 s off the server's; please set the time</translation>
        </message>
        <message>
            <source>附件问题：%1</source>
            <translation>Attachment problem: %1</translation>
        </message>
        <message>
            <source>冲突：%1 号已被其他窗口先处理，本窗口的这次操作未生效。请刷新后继续。</source>
            <translation>Conflict: ticket %1 was handled first by another window, so this action did not take effect. Refresh and go on.</translation>
        </message>
        <message>
            <source>服务器拒绝了本机的一条记录（%1）：%2</source>
            <translation>The server refused a record from this PC (%1): %2</translation>
        </message>
    </context>
    <context>
        <name>TransferDialog</name>
        <message>
            <source>转移号码</source>
            <translation>Transfer ticket</translation>
        </message>
        <message>
            <source>转到业务类别</source>
            <translation>To category</translation>
        </message>
        <message>
            <source>转到窗口</source>
            <translation>To window</translation>
        </message>
        <message>
            <source>转到工作人员</source>
            <translation>To staff member</translation>
        </message>
        <message>
            <source>%1 号窗口</source>
            <translation>Window %1</translation>
        </message>
        <message>
            <source>工作人员账号</source>
            <translation>Staff account</translation>
        </message>
        <message>
            <source>必填：为什么转移</source>
            <translation>Required: why transfer</translation>
        </message>
        <message>
            <source>转移方式</source>
            <translation>Transfer to</translation>
        </message>
        <message>
            <source>业务类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>窗口</source>
            <translation>Window</translation>
        </message>
        <message>
            <source>工作人员</source>
            <translation>Staff</translation>
        </message>
        <message>
            <source>转移原因</source>
            <translation>Reason</translation>
        </message>
    </context>
    <context>
        <name>WindowPanel</name>
        <message>
            <source>叫号</source>
            <translation>Call next</translation>
        </message>
        <message>
            <source>重呼</source>
            <translation>Recall</translation>
        </message>
        <message>
            <source>过号</source>
            <translation>No-show</translation>
        </message>
        <message>
            <source>转移</source>
            <translation>Transfer</translation>
        </message>
        <message>
            <source>挂起</source>
            <translation>Hold</translation>
        </message>
        <message>
            <source>暂停</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>开始办理</source>
            <translation>Start service</translation>
        </message>
        <message>
            <source>办结</source>
            <translation>Finish</translation>
        </message>
        <message>
            <source>恢复所选挂起号</source>
            <translation>Resume selected</translation>
        </message>
        <message>
            <source>过号受理：输入号码后回车，如 A023</source>
            <translation>Serve a missed ticket: type it and press Enter, e.g. A023</translation>
        </message>
        <message>
            <source>挂起的号码</source>
            <translation>Tickets on hold</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <source>无</source>
            <translation>none</translation>
        </message>
        <message>
            <source>（已暂停）</source>
            <translation> (paused)</translation>
        </message>
        <message>
            <source>%1 号窗口 %2 · 办理类别：%3 %4</source>
            <translation>Window %1 %2 · Categories: %3 %4</translation>
        </message>
        <message>
            <source>本窗口等候 %1 人</source>
            <translation>%1 waiting for this window</translation>
        </message>
        <message>
            <source>绿色通道</source>
            <translation>Priority</translation>
        </message>
        <message>
            <source>预约</source>
            <translation>Booked</translation>
        </message>
        <message>
            <source>转入</source>
            <translation>Transferred in</translation>
        </message>
        <message>
            <source>已等 %1 分钟</source>
            <translation>Waited %1 min</translation>
        </message>
        <message>
            <source>号码 %1 已由 %2 号窗口先叫，本窗口的叫号无效。请叫下一号。</source>
            <translation>Ticket %1 was called first by window %2, so this window's call does not count. Please call the next one.</translation>
        </message>
        <message>
            <source>其他</source>
            <translation>(unknown)</translation>
        </message>
        <message>
            <source>暂停服务</source>
            <translation>Service paused</translation>
        </message>
        <message>
            <source>空闲：按 %1 叫号</source>
            <translation>Free: press %1 to call</translation>
        </message>
        <message>
            <source>已叫号，等候到窗口</source>
            <translation>Called, waiting for the person</translation>
        </message>
        <message>
            <source>办理中</source>
            <translation>In progress</translation>
        </message>
        <message>
            <source>（已重呼 %1 次）</source>
            <translation> (recalled %1 times)</translation>
        </message>
        <message>
            <source>办理用时</source>
            <translation>Service time</translation>
        </message>
        <message>
            <source>叫号后</source>
            <translation>Since call</translation>
        </message>
        <message>
            <source>操作时程序出错，请重试。</source>
            <translation>The program failed during this action. Please try again.</translation>
        </message>
        <message>
            <source>本窗口当前没有号码。</source>
            <translation>This window has no current ticket.</translation>
        </message>
        <message>
            <source>已叫号 %1</source>
            <translation>Called %1</translation>
        </message>
        <message>
            <source>%1 已重呼到上限，按过号处理。</source>
            <translation>%1 reached the recall limit and counts as a no-show.</translation>
        </message>
        <message>
            <source>已重呼 %1（第 %2 次）</source>
            <translation>Recalled %1 (time %2)</translation>
        </message>
        <message>
            <source>%1 已过号</source>
            <translation>%1 no-show</translation>
        </message>
        <message>
            <source>开始办理 %1</source>
            <translation>Serving %1</translation>
        </message>
        <message>
            <source>%1 已办结</source>
            <translation>%1 done</translation>
        </message>
        <message>
            <source>%1 已挂起，回来后在挂起列表中恢复</source>
            <translation>%1 on hold; resume it from the hold list when they return</translation>
        </message>
        <message>
            <source>已恢复服务</source>
            <translation>Service resumed</translation>
        </message>
        <message>
            <source>已暂停服务</source>
            <translation>Service paused</translation>
        </message>
        <message>
            <source>%1 已转移</source>
            <translation>%1 transferred</translation>
        </message>
        <message>
            <source>%1 已恢复，下次叫号优先</source>
            <translation>%1 resumed; it is called next</translation>
        </message>
        <message>
            <source>过号受理 %1</source>
            <translation>Serving missed ticket %1</translation>
        </message>
    </context>
</TS>
