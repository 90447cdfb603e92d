import type { AppMessages } from './app-en.js';

export const appZh: AppMessages = {
  clinrank: {
    app: { title: 'clinrank', language: '语言' },
    menu: { work: '标注', projects: '项目', users: '用户', progress: '进度', disagreements: '分歧', audit: '审计日志', datasets: '数据集', trainingRuns: '训练任务', evaluations: '评估', agreement: '一致性', trainingNodes: 'GPU 节点' },
    ws: {
      title: '标注工作台', loading: '正在加载下一个任务…', empty: '全部完成：所有项目中都没有等待您的任务。谢谢！', question: '问题', dialogue: '对话',
      role_user: '患者', role_assistant: '助手', role_system: '系统', answer: '回答 %{label}', shown_first: '先显示', shown_second: '后显示', criterion: '标准',
      choice: { a: 'A 更好', b: 'B 更好', tie: '相当', both_bad: '都不好' },
      strength: { label: '程度', slightly: '略好', much: '好得多' },
      criteria: { verdict: '结论', overall: '总体', accuracy: '准确性', helpfulness: '有用性', safety: '安全性', completeness: '完整性', clarity: '清晰度', empathy: '同理心' },
      flags: { label: '标记', unsafe: '不安全', factual_error: '事实错误', contains_phi: '含患者隐私', not_answerable: '无法回答', wrong_language: '语言错误' },
      rationale: '理由', rationale_required: '本项目要求填写理由。', rewrite: '改写更好的回答', rewrite_hint: '可选：更好回答的改进版本',
      submit: '提交', skip: '跳过', skip_title: '跳过此任务', skip_reason: '原因',
      skip_reasons: { outside_expertise: '超出我的专业', unclear: '问题不清楚', language: '我看不懂这种语言', other: '其他' },
      cancel: '取消', undo: '撤销', undone: '已撤回上一次提交', submitted: '已保存', help: '快捷键', guidelines: '标注指南', guidelines_version: '指南 第%{version}版',
      done_today: '今日完成', remaining: '您的剩余', timer: '用时', retrying: '网络问题：您的答案已保留，将自动重试…', draft_restored: '已恢复您未提交的答案。',
      incomplete: '请先为每个标准作出选择。', lease_expired: '此任务已过期，已加载新任务。',
      rank: '名次', ranking_hint: '最好的在前。可拖动，或用 ↑/↓ 选择、Alt+↑/↓ 移动。', move_up: '上移', move_down: '下移', tie_above: '与上一个并列', untie: '取消并列', tied: '并列',
      rating_hint: '为每个回答打分（%{min} 到 %{max}）。', project: '项目', any_project: '任意项目',
      validation: { candidate: '候选回答', verdict_label: '结论', verdict: { accept: '接受', reject: '拒绝', fix: '修改' }, reasons_required: '拒绝原因', reasons_optional: '问题所在（可选）', reasons: { factually_incorrect: '事实错误', unsafe: '建议不安全', incomplete: '不完整', outdated: '内容过时', off_topic: '答非所问', question_flawed: '问题本身有误', wrong_language: '语言不对', poorly_written: '表达不佳' }, fixed_text: '修改后的回答', fixed_hint: '将回答修改正确；导出时将替换候选回答。Esc 退出编辑，Ctrl+Enter 提交。', incomplete: '请先选择接受、拒绝或修改。', reason_required: '请至少选择一个拒绝原因。', fix_required: '请填写修改后的回答。', fix_unchanged: '回答未作修改：请编辑，或直接接受原回答。' },
      decision: '您的判断', flags_and_rationale: '标记与理由', ranking_untouched: '请移动一个回答；如果当前顺序已正确，请按 C 确认。', confirm_order: '顺序正确', order_confirmed: '已确认顺序', this_project: '此项目', project_dry: '“%{project}”中已没有您的任务。', next_project: '“%{project}”中等待您的任务：%{count}。', go_to_project: '继续“%{project}”', remaining_total: '全部临床医生合计仍需的标注数：%{total}',
      keys: { score: '为当前回答的当前标准打分', confirm_order: '保留当前顺序（排序必须调整或确认）', verdict: '接受 / 拒绝 / 修改。选择修改后光标直接进入修改后的回答，直接输入即可（Esc 离开，E 返回）', reasons: '切换原因（在原因行上）', choose: '当前标准选择 A / B / 相当 / 都不好', strength: '略好 / 好得多（作用于刚回答的那一行）', move: '上一个 / 下一个标准（或回答）', reorder: '上移 / 下移所选回答', submit: '提交', skip: '跳过（需填写原因）', undo: '撤销上一次提交（2 分钟内）', guidelines: '打开标注指南', help: '显示此帮助' },
    },
    projects: {
      fields: { name: '名称', minMedianSeconds: '过快阈值（秒）', slug: '标识', kind: '任务类型', criteria: '标准', overlap: '每条标注数', goldRate: '金标准比例', languages: '语言', specialties: '专科', allowTies: '允许并列', requireRationale: '要求理由', scaleMin: '量表最小值', scaleMax: '量表最大值', leaseSeconds: '任务租期（秒）', locked: '已锁定', guidelines: '标注指南（Markdown）', guidelineVersion: '指南版本' },
      create_title: '新建项目', edit_title: '项目设置', created: '已创建项目“%{name}”：请在下方导入条目。', saved: '已保存项目“%{name}”', kinds: { pairwise: '成对比较（A 对 B）', ranking: '排序', rating: '评分（李克特量表）', validation: '合成答案验证' }, help: { slug: '根据名称自动填写；小写字母、数字和连字符，用于网址和命令行。', criteria: 'accuracy、helpfulness、safety……（总是询问 overall）', overlap: '每个条目由多少位临床医生标注。', goldRate: '从金标准条目（答案已知）中抽取任务的比例，用于衡量每位医生的准确率：0.1 = 每十个任务一个；0 = 不抽取。', minMedianSeconds: '每个任务的中位用时低于此秒数时标记该医生（成对比较默认 8 秒）。', leaseSeconds: '任务为打开它的医生保留多长时间。' }, import: '导入条目', import_file: 'JSONL 文件', strict: '全部或全不', import_run: '上传', import_report: '导入 %{imported}，更新 %{updated}，未变 %{unchanged}，拒绝 %{rejected}', import_limit: '每行一个条目（JSONL）。文件最大 %{limit}；上传以流式进行并显示进度。', import_too_large: '%{name} 大小为 %{size}，超过 %{limit} 的导入上限：请拆分为更小的文件。', import_sent: '已发送 %{sent} / %{total}', import_processed: '已读取 %{lines} 行（导入 %{imported}，拒绝 %{rejected}）', import_failed: '导入已停止：%{message}', import_network: '上传中断。再次导入同一文件是安全的。',
      line: '行', field: '字段', reason: '原因', lock: '锁定', unlock: '解锁', preview: '预览', edit_markdown: '编辑',
    },
    users: { fields: { username: '用户名', displayName: '姓名', role: '角色', languages: '语言', specialties: '专科', active: '启用', password: '密码' }, reset: '重置密码', new_password: '新密码', reset_done: '密码已修改' },
    progress: { title: '进度', items: '条目', complete: '已完成', pending: '待处理', in_progress: '进行中', labels: '标注', per_day: '每位标注者每日标注数', annotator: '标注者', today: '今日', median: '中位用时', skipped: '跳过', choose_project: '选择项目' },
    disagreements: { item: '条目', choose_project: '请选择一个项目，查看标注存在分歧的条目。', none_in_project: '%{criterion} 上没有分歧：每个条目的标注都一致。', verdicts: { tie: '平局', both_bad: '都不好' }, next: '下一个分歧', next_none: '没有其他等待裁决的分歧。', start_from: '起点：', saved_adjudication: '已保存的裁定', title: '分歧', agreement: '一致度', majority: '多数意见', adjudicated: '已裁定', review: '查看', adjudicate: '裁定', save: '保存裁定', saved: '裁定已保存', labels: '标注', annotator: '标注者', display_order: '显示为' },
    items: { title: '%{project} 的条目', counts: '共 %{all} 个条目，显示 %{total} 个', search: '搜索 ID 或问题', language: '语言', specialty: '专科', status: '状态', gold: '金标准', yes: '是', no: '否', disagreement: '标注有分歧', flagged: '已标记', selected: '已选 %{count} 个', select_all: '选择本页全部', item: '条目', prompt: '问题', labels: '标注', flags: '标记', ruled: '已裁决', none: '此项目还没有条目：请在项目页面导入。', none_match: '没有符合筛选条件的条目。', done: '已更改 %{changed} 个，未更改 %{skipped} 个。%{reason}', statuses: { unlabelled: '未标注', in_progress: '进行中', complete: '已完成' }, actions: { delete_unlabelled: '删除未标注的', delete: '删除', set_gold: '按裁决设为金标准', unset_gold: '取消金标准', re_queue: '重新排队' }, confirm_title: '删除已标注的条目？', confirm_text: '所选条目中有 %{items} 个共含 %{labels} 条标注。删除它们也会删除这些标注；删除操作会记录在审计日志中。', confirm_button: '连同标注一起删除', open: '条目（%{count}）' },
    members: { title: '谁为此项目标注', everyone_routed: '所有语言和专科匹配的人（已移除者除外）', members_only: '仅限成员', clinician: '临床医生', routing: '路由', membership: '成员身份', quota: '配额（任务）', submitted: '已提交', receives: '接收任务', matches: '匹配', no_match: '不匹配', no_quota: '无', yes: '是', no: '否', statuses: { default: '默认', member: '成员', removed: '已移除' } },
    audit: { object: '对象', changes: '变更内容', export_csv: '导出 CSV', export_truncated: 'CSV 仅包含 %{total} 条中最新的 %{rows} 条；请缩小筛选范围以获取其余记录。', types: { project: '项目', user: '用户', item: '条目', label: '标注', assignment: '任务', dataset_snapshot: '数据集快照', training_run: '训练运行', audit_log: '审计日志' }, title: '审计日志', at: '时间', actor: '操作者', action: '操作', entityType: '对象', entityId: 'ID', from: '从', to: '到', details: '详情' },
  },
  // React-Admin's per-resource titles, toasts and empty pages, so none of its defaults ("Create Users", "Element created") shows.
  resources: {
    projects: { page: { list: '项目', create: '新建项目', edit: '项目设置：%{recordRepresentation}', show: '项目：%{recordRepresentation}' }, notifications: { created: '项目已创建', updated: '项目已保存', deleted: '项目已删除' }, empty: '还没有项目。', invite: '先创建一个，再导入条目。' },
    users: { page: { list: '用户', create: '新建用户账号', edit: '用户账号：%{recordRepresentation}' }, notifications: { created: '用户账号已创建', updated: '用户账号已保存', deleted: '用户账号已删除' }, empty: '还没有用户账号。', invite: '要创建第一个吗？' },
    audit: { page: { list: '审计日志' } },
    disagreements: { page: { list: '分歧' } },
  },
};
