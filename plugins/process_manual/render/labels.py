"""Every word the plugin itself writes, in English and Chinese (chosen by the site's language)."""

from __future__ import annotations

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
    "raci_legend": ("R = responsible, A = accountable, C = consulted, I = informed.",
                    "R = 负责，A = 批准，C = 咨询，I = 知会。"),
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
    "start": ("Start", "开始"),
    "draft_banner": ("Draft — this process is not approved yet and does not apply.",
                     "草稿 — 本流程尚未批准，暂不适用。"),
    "retired_banner": ("Retired — this process no longer applies; it is kept for reference.",
                       "已废止 — 本流程已不再适用，仅供参考。"),
    "status_draft": ("draft", "草稿"),
    "status_effective": ("effective", "生效"),
    "status_retired": ("retired", "已废止"),
    "none": ("none", "无"),
    "process": ("Process", "流程"),
    "processes": ("Processes", "流程"),
    # handbook-wide pages
    "handbook": ("Handbook", "手册总览"),
    "landscape": ("Process landscape", "流程全景"),
    "landscape_intro": ("The process architecture: domains, groups and the processes in each.",
                        "流程架构：一级领域、二级分组及其中的流程。"),
    "map": ("Map", "流程地图"),
    "roles": ("Roles", "角色"),
    "role": ("Role", "角色"),
    "department": ("Department", "部门"),
    "role_intro": ("Every step this role does, approves, is consulted on or is informed of.",
                   "该角色负责、批准、被咨询或被知会的所有步骤。"),
    "role_part": ("Part", "职责"),
    "owned_processes": ("Processes this role owns", "该角色负责的流程"),
    "owned_forms": ("Forms this role owns", "该角色负责的表单"),
    "owned_kpis": ("KPIs this role owns", "该角色负责的指标"),
    "step_count": ("Steps", "步骤数"),
    "forms_catalog": ("Forms and records", "表单与记录"),
    "forms_intro": ("The forms, templates and records the processes use, and where each is used.",
                    "各流程使用的表单、模板和记录，以及使用位置。"),
    "retention": ("Retention", "保存期限"),
    "naming": ("Naming rule", "命名规则"),
    "used_in": ("Used in", "使用于"),
    "unused": ("No process uses this form.", "尚无流程使用此表单。"),
    "kpi_dictionary": ("KPI dictionary", "指标字典"),
    "kpi_intro": ("Every process indicator with its definition, formula, target and goal.",
                  "所有流程指标及其定义、公式、目标值与挑战值。"),
    "glossary": ("Glossary", "术语表"),
    "glossary_intro": ("The standard terms. Use these names; avoid the alternatives listed.",
                       "标准术语。请使用标准名称，避免使用所列的其他叫法。"),
    "avoid": ("Avoid", "避免使用"),
    "whats_new": ("What's new", "最近更新"),
    "whats_new_intro": ("The latest approved changes across the handbook, newest first.",
                        "手册中最新批准的变更，按时间倒序排列。"),
    "review_status": ("Review status", "评审状态"),
    "review_intro": ("Periodic reviews, and the handbook's health at a glance.",
                     "定期评审情况及手册健康状况一览。"),
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
}


class Labels:
    """Attribute access to the labels of one language: `labels.purpose`."""

    def __init__(self, language: str):
        self.language = "zh" if language.lower().startswith("zh") else "en"
        index = 1 if self.language == "zh" else 0
        self._texts = {key: pair[index] for key, pair in _LABELS.items()}

    def __getattr__(self, key: str) -> str:
        try:
            return self.__dict__["_texts"][key]
        except KeyError:
            raise AttributeError(key) from None

    def status_name(self, status: str) -> str:
        return self._texts[f"status_{status}"]
