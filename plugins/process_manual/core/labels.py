"""Every word the plugin itself writes, in English and Chinese (chosen by the site's language).

Traditional Chinese (zh-TW, zh-HK, zh-Hant) has its own words in :mod:`.labels_hant`.
"""

from __future__ import annotations

from process_manual.core.labels_hant import LABELS_HANT

_LABELS: dict[str, tuple[str, str]] = {
    # process page
    "id": ("ID", "编号"),
    "version": ("Version", "版本"),
    "status": ("Status", "状态"),
    "owner": ("Process owner", "流程负责人"),
    "effective": ("Effective", "生效日期"),
    "next_review": ("Next review", "下次评审"),
    "overdue": ("overdue", "已逾期"),
    "area": ("Area", "领域"),
    "purpose": ("Purpose", "目的"),
    "scope": ("Scope", "适用范围"),
    "triggers": ("Triggers", "触发条件"),
    "inputs": ("Inputs", "输入"),
    "outputs": ("Outputs", "输出"),
    "flowchart": ("Flowchart", "流程图"),
    "steps": ("Steps", "流程步骤"),
    "step": ("Step", "步骤"),
    "responsible": ("Responsible", "负责 (R)"),
    "accountable": ("Accountable", "批准 (A)"),
    "consulted": ("Consulted", "咨询 (C)"),
    "informed": ("Informed", "知会 (I)"),
    "within": ("Time limit", "时限"),
    "forms": ("Forms", "表单"),
    "step_outputs": ("Produces", "产出"),
    "next": ("Next", "下一步"),
    "runs_process": ("Runs the process", "执行子流程"),
    "raci": ("Responsibility matrix (RACI)", "责任矩阵 (RACI)"),
    "raci_legend": (
        "R = responsible, A = accountable, C = consulted, I = informed.",
        "R = 负责，A = 批准，C = 咨询，I = 知会。",
    ),
    "kpis": ("KPIs", "关键绩效指标"),
    "kpi": ("KPI", "指标"),
    "definition": ("Definition", "定义"),
    "formula": ("Formula", "计算公式"),
    "unit": ("Unit", "单位"),
    "target": ("Target", "目标值"),
    "goal": ("Goal", "挑战值"),
    "frequency": ("Frequency", "频率"),
    "risks": ("Risks and controls", "风险与控制"),
    "risk": ("Risk", "风险"),
    "control": ("Control", "控制措施"),
    "faq": ("Frequently asked questions", "常见问题"),
    "references": ("References", "参考文件"),
    "related": ("Related processes", "相关流程"),
    "links_to": ("This process refers to", "本流程引用"),
    "linked_from": ("Referred to by", "引用本流程的流程"),
    "changelog": ("Change log", "变更记录"),
    "date": ("Date", "日期"),
    "author": ("Author", "编写人"),
    "approved_by": ("Approved by", "批准人"),
    "change": ("Change", "变更内容"),
    "request": ("Change request", "变更申请"),
    # version history (render/history_page.py) and the Atom feed (render/feed.py); {...} are filled in
    "version_history": ("Version history", "版本历史"),
    "history_link": ("history", "历史"),
    "history_intro": (
        "Every version of this process from its change log and, for each version found in git, "
        "what changed against the version before it.",
        "本流程变更记录中的每个版本；对 git 中能找到的版本，列出与上一版本相比的具体变化。",
    ),
    "history_more": ("What changed in each version: see the version history.", "各版本的具体变化见版本历史。"),
    "back_to_process": ("Back to the process", "返回流程"),
    "history_unavailable": (
        "Only the change log is shown: this site was built without the git history of the handbook.",
        "仅显示变更记录：构建本站点时无法读取手册的 git 历史。",
    ),
    "version_n": ("Version {version}", "版本 {version}"),
    "in_git": ("In git", "git 记录"),
    "committed": ("{date} by {author} (commit {commit})", "{date}，{author}（提交 {commit}）"),
    "not_committed": ("not committed yet", "尚未提交"),
    "not_in_git": ("The file of this version is not in the git history.", "git 历史中没有此版本的文件。"),
    "not_in_changelog": ("This version has no change-log entry.", "此版本没有变更记录。"),
    "first_in_git": (
        "The first version found in git: there is nothing before it to compare with.",
        "git 中最早的版本，没有可比较的上一版本。",
    ),
    "changes_since": ("What changed since version {version}", "相对于版本 {version} 的变化"),
    "no_content_change": ("No change of content.", "内容无变化。"),
    "later_edits": (
        "Changed {count} time(s) after it was first committed, without a new version.",
        "首次提交后又被修改 {count} 次，但未升级版本。",
    ),
    "unreadable_fields": ("Fields changed", "有变化的字段"),
    "change_what": ("What", "项目"),
    "before": ("Before", "修改前"),
    "after": ("After", "修改后"),
    "step_added": ("Step added", "新增步骤"),
    "step_removed": ("Step removed", "删除步骤"),
    "step_name": ("name", "名称"),
    "steps_reordered": ("Order of the steps", "步骤顺序"),
    "step_field": ("Step {step}: {field}", "步骤“{step}”：{field}"),
    "kpi_field": ("KPI {kpi}: {field}", "指标“{kpi}”：{field}"),
    "form_added": ("form added", "新增表单"),
    "form_removed": ("form removed", "删除表单"),
    "kpi_added": ("KPI added", "新增指标"),
    "kpi_removed": ("KPI removed", "删除指标"),
    "changed": ("changed", "已修改"),
    "title": ("Title", "标题"),
    "kind": ("Kind", "类型"),
    "details": ("Details", "说明"),
    "branches": ("Branches", "分支"),
    "review": ("Periodic review", "定期评审"),
    "name": ("Name", "名称"),
    "feed": ("Follow these changes: Atom feed", "订阅这些变更：Atom 订阅源"),
    "feed_entry": ("{id} {title}, version {version}", "{id} {title}，版本 {version}"),
    "start": ("Start", "开始"),
    # the flowchart (render/mermaid.py, assets/process-manual-lanes.js); {...} are filled in
    "no_role": ("No role given", "未指定角色"),
    "with_roles": ("with {roles}", "协同{roles}"),
    "list_separator": (", ", "、"),
    "flowchart_title": ("Flowchart of {id} {title}", "{id} {title} 流程图"),
    "flowchart_description": (
        '{steps} steps in {lanes} lanes, one per role, starting with "{first}" ({role}); '
        "the steps are listed below the diagram.",
        "共 {steps} 个步骤，分 {lanes} 个泳道（每个角色一个），从“{first}”（{role}）开始；各步骤在流程图下方列出。",
    ),
    "skip_flowchart": ("Skip the flowchart", "跳过流程图"),
    "full_screen": ("Open full screen", "全屏查看"),
    "close": ("Close", "关闭"),
    "zoom_in": ("Zoom in", "放大"),
    "zoom_out": ("Zoom out", "缩小"),
    "zoom_reset": ("Fit to screen", "适应屏幕"),
    "viewer_help": (
        "Drag or use the arrow keys to move; wheel, pinch or + and − to zoom; Esc closes.",
        "拖动或用方向键移动；滚轮、双指或 + 和 − 缩放；Esc 关闭。",
    ),
    "flowchart_failed": (
        "The flowchart could not be drawn; the steps below describe the process.",
        "流程图无法绘制；请参阅下方的步骤说明。",
    ),
    "draft_banner": (
        "Draft — this process is not approved yet and does not apply.",
        "草稿 — 本流程尚未批准，暂不适用。",
    ),
    "retired_banner": (
        "Retired — this process no longer applies; it is kept for reference.",
        "已废止 — 本流程已不再适用，仅供参考。",
    ),
    "pending_title": ("Not yet in force", "尚未生效"),
    "pending_banner": (
        "This version takes effect on {date}; until then it does not apply.",
        "本版本自 {date} 起生效，在此之前不适用。",
    ),
    "status_pending": ("effective from {date}", "{date} 起生效"),
    "unpublished_draft": ("draft, not published", "草稿，未发布"),
    "aside": (" ({text})", "（{text}）"),
    "status_draft": ("draft", "草稿"),
    "status_effective": ("effective", "生效"),
    "status_retired": ("retired", "已废止"),
    "none": ("none", "无"),
    "process": ("Process", "流程"),
    "processes": ("Processes", "流程"),
    # handbook-wide pages
    "handbook": ("Handbook", "手册总览"),
    "landscape": ("Process landscape", "流程全景"),
    "landscape_intro": (
        "The process architecture: domains, groups and the processes in each.",
        "流程架构：一级领域、二级分组及其中的流程。",
    ),
    "map": ("Map", "流程地图"),
    "process_count": ("{count} processes", "{count} 个流程"),
    "process_count_one": ("1 process", "1 个流程"),
    "roles": ("Roles", "角色"),
    "role": ("Role", "角色"),
    "department": ("Department", "部门"),
    "role_intro": (
        "Every step this role does, approves, is consulted on or is informed of.",
        "该角色负责、批准、被咨询或被知会的所有步骤。",
    ),
    "role_part": ("Part", "职责"),
    "owned_processes": ("Processes this role owns", "该角色负责的流程"),
    "owned_forms": ("Forms this role owns", "该角色负责的表单"),
    "owned_kpis": ("KPIs this role owns", "该角色负责的指标"),
    "step_count": ("Steps", "步骤数"),
    "forms_catalog": ("Forms and records", "表单与记录"),
    "forms_intro": (
        "The forms, templates and records the processes use, and where each is used.",
        "各流程使用的表单、模板和记录，以及使用位置。",
    ),
    "retention": ("Retention", "保存期限"),
    "naming": ("Naming rule", "命名规则"),
    "used_in": ("Used in", "使用于"),
    "unused": ("No process uses this form.", "尚无流程使用此表单。"),
    "kpi_dictionary": ("KPI dictionary", "指标字典"),
    "kpi_intro": (
        "Every process indicator with its definition, formula, target and goal.",
        "所有流程指标及其定义、公式、目标值与挑战值。",
    ),
    "glossary": ("Glossary", "术语表"),
    "glossary_intro": (
        "The standard terms. Use these names; avoid the alternatives listed.",
        "标准术语。请使用标准名称，避免使用所列的其他叫法。",
    ),
    "avoid": ("Avoid", "避免使用"),
    "whats_new": ("What's new", "最近更新"),
    "whats_new_intro": (
        "The latest approved changes across the handbook, newest first.",
        "手册中最新批准的变更，按时间倒序排列。",
    ),
    "review_status": ("Review status", "评审状态"),
    "review_intro": ("Periodic reviews, and the handbook's health at a glance.", "定期评审情况及手册健康状况一览。"),
    "review_overdue": ("Overdue reviews", "已逾期的评审"),
    "review_due_soon": ("Due in the next 30 days", "30天内到期的评审"),
    "review_later": ("Scheduled later", "其他评审计划"),
    "review_none": ("No periodic review planned", "未计划定期评审"),
    "last_review": ("Last review", "上次评审"),
    "every": ("Every", "周期"),
    "nothing": ("Nothing here.", "无。"),
    "health": ("Handbook health", "手册健康状况"),
    "unused_forms": ("Forms no process uses", "未被使用的表单"),
    "kpis_without_target": ("KPIs without a target", "未设目标值的指标"),
    "roles_without_steps": ("Roles with no step", "没有任何步骤的角色"),
    "drafts": ("Draft processes", "草稿流程"),
    # back to the source (render/source_links.py); {id} {title} {version} {path} are filled in
    "edit_process": ("Edit this process", "编辑此流程"),
    "suggest_change": ("Suggest a change", "提出修改建议"),
    "bpmn_download": ("Download as BPMN 2.0", "下载 BPMN 2.0 文件"),
    "bpmn_hint": (
        "Opens in process modelers such as Camunda Modeler or Signavio",
        "可用 Camunda Modeler、Signavio 等流程建模工具打开",
    ),
    "suggest_title": ("Change to {id} {title}", "修改建议：{id} {title}"),
    "suggest_body": (
        "Process: {id} {title}\nVersion: {version}\nFile: {path}\n\nWhat should change, and why:\n",
        "流程：{id} {title}\n版本：{version}\n文件：{path}\n\n建议修改的内容及原因：\n",
    ),
    # live preview with errors (render/preview.py)
    "preview_errors": (
        "The handbook has {count} error(s): this preview is incomplete",
        "手册中有 {count} 个错误：本预览不完整",
    ),
    "preview_fix": (
        "Fix them and save the file: the preview rebuilds by itself. `mkdocs build` publishes "
        "nothing until they are fixed.",
        "请修正后保存文件，预览会自动重建。修正之前 `mkdocs build` 不会发布任何内容。",
    ),
    "preview_more": ("… and {count} more (see the terminal)", "……另有 {count} 个（见终端输出）"),
    "preview_unavailable": ("This process cannot be shown until its file is fixed.", "此流程文件修正之前无法显示。"),
    # onboarding reading paths (render/reading.py, assets/process-manual.js); {...} are filled in
    "reading_paths": ("Reading paths", "入职阅读路径"),
    "reading_paths_intro": (
        "What to read first, in order, for your role or department. Your progress is kept in this browser only.",
        "按岗位或部门列出的入职必读内容及阅读顺序。阅读进度只保存在本浏览器中。",
    ),
    "reading_path": ("Reading path", "阅读路径"),
    "reading_path_n": ("Reading path: {title}", "阅读路径：{title}"),
    "path_for": ("For", "适用对象"),
    "everyone": ("Everyone", "全体员工"),
    "items": ("To read", "阅读篇数"),
    "progress": ("Your progress", "阅读进度"),
    "next_in_path": ("Next in your path: {title}", "路径中的下一篇：{title}"),
    "path_done": ("Last item of the path.", "这是本路径的最后一篇"),  # no 。: " · " follows it
    "path_all_items": ("All items of the path", "本路径全部篇目"),
    "start_here": ("Start here", "从这里开始"),
    "start_here_intro": (
        "New in this role? Read your reading path first, in order:",
        "刚到这个岗位？请先按顺序阅读你的阅读路径：",
    ),
    "start_here_reference": (
        "Then keep this page as your reference: every step you take part in is listed below.",
        "之后把本页作为参考：下面列出了你参与的每个步骤。",
    ),
    "your_role": ("Your role page", "你的角色页面"),
    # written by the browser (assets/process-manual.js), so they travel as data attributes
    "mark_read": ("Mark as read", "标记为已读"),
    "mark_unread": ("Mark as unread", "标记为未读"),
    "read": ("Read", "已读"),
    "unread": ("Not read yet", "未读"),
    "updated": ("Updated since you read it", "你阅读后已更新"),
    "updated_from": ("you read version {version}", "你读的是版本 {version}"),
    "progress_of": ("{read} of {total} read", "已读 {read} / {total}"),
    "continue_with": ("Continue with", "接下来阅读"),
    "all_read": ("All read. Well done!", "已全部读完！"),
    # printed handbook (pdf.py) and the running header of printed pages
    "contents": ("Contents", "目录"),
    "page": ("Page", "页码"),
    "printed": ("Printed {date}", "打印日期 {date}"),
    "print_header": (
        "{id} {title} · Version {version} · Effective {effective}",
        "{id} {title} · 版本 {version} · 生效日期 {effective}",
    ),
    # a handbook in several languages (load/localize.py, mkdocs_plugin/languages.py)
    "language_autonym": ("English", "简体中文"),
    "language_zh": ("Simplified Chinese", "简体中文"),
    "language_en": ("English", "英文"),
    "language_zh-Hant": ("Traditional Chinese", "繁体中文"),
    # the notes follow the text they mark, with the language's own spacing and brackets
    "untranslated": (" (not translated yet)", "（尚未翻译）"),
    "stale_translation": (" (translation out of date)", "（译文已过时）"),
    "untranslated_page": (
        "Parts of this page are not translated yet: they are shown in their original language, marked.",
        "本页部分内容尚未翻译：以原文显示，并已标注。",
    ),
    "converted_page": (
        "This page was converted automatically from {language}; texts edited by hand replace the conversion.",
        "本页由{language}自动转换；人工修订的文字优先。",
    ),
    "page_not_translated": (
        "This page is not translated yet: it is shown in {language}.",
        "本页尚未翻译，以{language}显示。",
    ),
}


def is_traditional_chinese(language: str) -> bool:
    """zh-TW, zh-HK, zh-MO, zh-Hant (any case, `-` or `_`): a language written in traditional characters."""
    tag = language.lower().replace("_", "-").split("-")
    return tag[0] == "zh" and "hans" not in tag and any(part in ("hant", "tw", "hk", "mo") for part in tag[1:])


class Labels:
    """Attribute access to the labels of one language: `labels.purpose`.

    `language` is "en", "zh" (simplified) or "zh-Hant" (traditional), whatever the site's tag."""

    def __init__(self, language: str):
        if is_traditional_chinese(language):
            self.language = "zh-Hant"
            self._texts = dict(LABELS_HANT)
            return
        self.language = "zh" if language.lower().startswith("zh") else "en"
        index = 1 if self.language == "zh" else 0
        self._texts = {key: pair[index] for key, pair in _LABELS.items()}

    def __getattr__(self, key: str) -> str:
        try:
            text: str = self.__dict__["_texts"][key]
            return text
        except KeyError:
            raise AttributeError(key) from None

    def language_name(self, tag: str) -> str:
        """The name of language `tag` in this language (its own name when no label has it)."""
        return self._texts.get(f"language_{tag}") or Labels(tag).language_autonym

    def status_name(self, status: str) -> str:
        return self._texts[f"status_{status}"]
