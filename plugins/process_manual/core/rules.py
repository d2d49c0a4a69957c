"""Every check the tool makes, by stable id: its default severity, whether a handbook may change it,
the principle it enforces and an example of a bad and a good file.

A problem names its rule (`error[unknown-role]`); `_handbook.yml` sets a rule's severity per handbook
(:mod:`.policy`); the rules reference (README, and a page of every handbook) is generated from this
table (:mod:`.render.rules_page`). Ids are a public interface: never rename one, only add.
"""

from __future__ import annotations

from dataclasses import dataclass

from process_manual.core.method_rules import METHOD_RULES
from process_manual.core.problems import Problem, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Principle:
    """Why a rule exists, in the words of the methodology the handbook follows (ARCHITECTURE.md, "What the method demands")."""

    name: str
    name_zh: str
    en: str
    zh: str


PRINCIPLES = {
    "readable": Principle(
        "Files the tool can read",
        "可读取的文件",
        "The handbook is generated from these files: what cannot be read can neither be checked nor published.",
        "手册由这些文件生成：无法读取的内容既不能检查，也不能发布。",
    ),
    "names": Principle(
        "One dictionary of names",
        "统一的标准名称",
        "Names come from one dictionary of standard terms, roles, forms and areas (标准名称字典), so that "
        "everyone means the same thing by the same word.",
        "名称统一取自标准名称字典（术语、岗位、表单、领域），同一个词对所有人含义相同。",
    ),
    "owner": Principle(
        "A definite owner for every step",
        "每个步骤有明确的责任主体",
        'Make the responsible body definite: avoid saying "relevant" or "concerned" departments, or when '
        "the process fails, departments and people pass the blame to each other (明确责任主体，避免“相关”“有关”的说法).",
        "明确责任主体：明确流程负责人和各活动的责任部门，尽量避免使用“相关”“有关”的说法，"
        "以免流程出现问题时各部门及责任人相互推诿。",
    ),
    "time": Principle(
        "Definite time limits",
        "明确、量化的时限",
        "A process states each activity's steps, time limit and responsible person, refined and quantified "
        "(规定操作步骤、时限和责任人；细化、量化): a reader must be able to tell when a step is late.",
        "业务流程规范要明确各环节的操作步骤、时限和责任人，并细化、量化：读者要能判断一个步骤是否超时。",
    ),
    "logic": Principle(
        "A procedure without gaps",
        "理清程序",
        "Clear up the procedure (理清程序): check the logic between activities — no dead loop, no input "
        "without an output, no activity that leads nowhere or that nothing leads to.",
        "理清程序：理清各活动之间的内在结构和逻辑关系，确认没有死循环、没有只有输入没有输出、"
        "没有走不通或到不了的活动。",
    ),
    "symbols": Principle(
        "Standard flowchart symbols",
        "标准流程图符号",
        "A complete flowchart uses standard symbols: decision = diamond with its outcomes, activity = box, "
        "sub-process = box with side bars, storage = cylinder, start and end = rounded.",
        "完整的流程图使用标准符号：判断用菱形并标出各出口，活动用方框，子流程用带侧边的方框，"
        "存储用圆柱，开始和结束用圆角框。",
    ),
    "architecture": Principle(
        "The process architecture",
        "流程架构",
        "Processes are levelled in an architecture (domain > group > process), each with one owner.",
        "流程按架构分级（领域 > 流程组 > 流程），每个流程有唯一的负责人。",
    ),
    "kpi": Principle(
        "The indicator dictionary",
        "指标字典",
        "Process KPIs live in an indicator dictionary: definition, formula, target and goal, frequency, owner.",
        "流程绩效指标记入指标字典：定义、公式、目标值与挑战值、频率、负责人。",
    ),
    "change": Principle(
        "Controlled change and periodic review",
        "受控变更与定期评审",
        "Processes are changed by request, reviewed and approved, released with a new version and reviewed "
        "periodically; the history is kept (ISO 9001 7.5.2–7.5.3).",
        "流程经变更申请、审核批准后以新版本发布，并定期评审；历史记录予以保留（ISO 9001 7.5.2–7.5.3）。",
    ),
    "lifecycle": Principle(
        "Draft, in force, retired",
        "草稿、生效、废止",
        "A process is drafted, approved, released with the date it takes effect and retired when it no longer "
        "applies: a reader must see which version applies today, and nothing in use may lean on what is retired "
        "or not yet approved (ISO 9001 7.5.3: the current version available where it is used, obsolete "
        "documents kept from unintended use).",
        "流程经起草、批准，以生效日期发布，不再适用时废止：读者要能看出今天适用的是哪一版，仍在使用的流程不得依赖"
        "已废止或尚未批准的流程（ISO 9001 7.5.3：使用处可获得现行版本，防止误用作废文件）。",
    ),
    "records": Principle(
        "Records kept for a stated time",
        "记录按规定期限保存",
        "What an archive step files is a record: its form states how long it is kept, so that it is neither "
        "destroyed too early nor kept for ever (ISO 9001 7.5.3.2: retention and disposition).",
        "归档步骤保存的是记录：其表单要写明保存期限，既不过早销毁，也不无限期保存（ISO 9001 7.5.3.2：保留和处置）。",
    ),
    "languages": Principle(
        "One handbook in every language its readers need",
        "一本手册，读者需要的每种语言",
        "The structure of a process is written once, in the source language; every other language translates "
        "its texts, and a translation that no longer matches its source is found, not trusted.",
        "流程的结构只在源语言中写一次；其他语言只翻译文字，与原文不再一致的译文会被找出，而不是被默认可信。",
    ),
    "onboarding": Principle(
        "Reading paths for new hires",
        "新员工阅读路径",
        "New people learn from the organisation's best practice: a reading path must lead somewhere real.",
        "新人通过组织的最佳实践快速成长：阅读路径必须指向真实存在的内容。",
    ),
}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    """The severity when `_handbook.yml` says nothing."""
    title: str
    title_zh: str
    principle: str
    """A key of PRINCIPLES."""
    bad: str
    """A process-file snippet (YAML) that breaks the rule."""
    good: str
    """The same snippet, fixed."""
    fixed: bool = False
    """Always an error whatever `_handbook.yml` says: the handbook cannot be built or trusted without it."""
    check_only: bool = False
    """Reported by `process-manual check` (the pull-request check) only."""


def _r(
    id: str,
    severity: Severity,
    title: str,
    title_zh: str,
    principle: str,
    bad: str,
    good: str,
    *,
    fixed: bool = False,
    check_only: bool = False,
) -> Rule:
    return Rule(id, severity, title, title_zh, principle, bad.strip("\n"), good.strip("\n"), fixed, check_only)


RULE_LIST: tuple[Rule, ...] = (
    # --- files that cannot be read: always errors -------------------------------------------------
    _r(
        "yaml-syntax",
        ERROR,
        "The file is not readable YAML (syntax, tabs, encoding, empty, too large or too "
        "deep, tags, merge keys, aliases).",
        "文件不是可读的 YAML（语法、制表符、编码、空文件、过大或嵌套过深、标签、合并键、别名）。",
        "readable",
        "title: Purchase request\nsteps:\n\t- id: submit",
        "title: Purchase request\nsteps:\n  - id: submit",
        fixed=True,
    ),
    _r(
        "duplicate-key",
        ERROR,
        "A key appears twice in one mapping (YAML would silently keep only the last).",
        "同一映射中某个键出现两次（YAML 会悄悄只保留后一个）。",
        "readable",
        "owner: buyer\nowner: purchasing-manager",
        "owner: purchasing-manager",
        fixed=True,
    ),
    _r(
        "unknown-key",
        ERROR,
        "A key the process file does not know (often a typo).",
        "流程文件不认识的键（多为拼写错误）。",
        "readable",
        "steps:\n  - id: submit\n    responsable: requester",
        "steps:\n  - id: submit\n    responsible: requester",
        fixed=True,
    ),
    _r(
        "missing-key",
        ERROR,
        "A required key is missing.",
        "缺少必填的键。",
        "readable",
        'id: PUR-001\ntitle: Purchase request\nversion: "1.0"',
        'id: PUR-001\ntitle: Purchase request\narea: purchasing\nowner: purchasing-manager\nversion: "1.0"',
        fixed=True,
    ),
    _r(
        "invalid-value",
        ERROR,
        "A value of the wrong kind: text where a list belongs, a bad id, a date that is not "
        "a date, a status that does not exist.",
        "值的类型或格式不对：该写列表处写了文本、编号格式错误、日期无效、状态不存在。",
        "readable",
        "version: 1.10\nstatus: active",
        'version: "1.10"\nstatus: effective',
        fixed=True,
    ),
    _r(
        "duplicate-id",
        ERROR,
        "An id is used twice: two processes with one document number, or two steps, roles, "
        "forms, areas, KPIs or reading paths with one id.",
        "编号重复：两个流程使用同一文件编号，或步骤、岗位、表单、领域、指标、阅读路径的编号重复。",
        "names",
        "steps:\n  - id: review\n  - id: review",
        "steps:\n  - id: first-review\n  - id: second-review",
        fixed=True,
    ),
    _r(
        "missing-catalog",
        ERROR,
        "One of the catalogs _roles.yml, _forms.yml, _areas.yml, _glossary.yml is missing.",
        "缺少目录文件 _roles.yml、_forms.yml、_areas.yml 或 _glossary.yml。",
        "names",
        "processes/\n  purchasing/purchase-request.yml",
        "processes/\n  _roles.yml\n  _forms.yml\n  _areas.yml\n  _glossary.yml\n  purchasing/purchase-request.yml",
        fixed=True,
    ),
    _r(
        "link-outside-handbook",
        ERROR,
        "A file or folder link points outside the handbook folder.",
        "文件或文件夹链接指向手册文件夹之外。",
        "readable",
        "processes/hr -> /home/me/drafts/hr",
        "processes/hr/  (the files themselves)",
        fixed=True,
    ),
    _r(
        "handbook-policy",
        ERROR,
        "_handbook.yml names a rule that does not exist, a severity other than off, "
        "warning or error, or tries to relax a rule that always stays an error.",
        "_handbook.yml 写了不存在的规则、off/warning/error 以外的级别，或试图放宽始终为错误的规则。",
        "readable",
        "rules:\n  unknown-roles: warning\n  yaml-syntax: off",
        "rules:\n  unknown-role: warning",
        fixed=True,
    ),
    # --- names from the dictionaries -----------------------------------------------------------------
    _r(
        "unknown-role",
        ERROR,
        "A role id that is not in _roles.yml.",
        "岗位编号不在 _roles.yml 中。",
        "names",
        "responsible: byuer",
        "responsible: buyer",
    ),
    _r(
        "unknown-form",
        ERROR,
        "A form id that is not in _forms.yml.",
        "表单编号不在 _forms.yml 中。",
        "names",
        "forms: [quote-comparisons]",
        "forms: [quote-comparison]",
    ),
    _r(
        "unknown-area",
        ERROR,
        "An area id that is not in _areas.yml.",
        "领域编号不在 _areas.yml 中。",
        "architecture",
        "area: purchase",
        "area: purchasing",
    ),
    _r(
        "area-not-leaf",
        ERROR,
        "A process names a group of areas instead of one leaf area.",
        "流程指向了领域组，而不是最末一级的领域。",
        "architecture",
        "area: support",
        "area: purchasing",
    ),
    _r(
        "unknown-process",
        ERROR,
        "A process id that no process file has (in `related`, a sub-process step or a reading path).",
        "引用了不存在的流程编号（`related`、子流程步骤或阅读路径中）。",
        "names",
        "related: [IT-009]",
        "related: [IT-002]",
    ),
    _r(
        "unknown-step",
        ERROR,
        "A step id that is not a step of this process (in `next`, a branch or a risk).",
        "步骤编号不是本流程的步骤（`next`、分支或风险中）。",
        "logic",
        "next: issue-ordr",
        "next: issue-order",
    ),
    _r(
        "self-reference",
        ERROR,
        "A process related to itself, or a sub-process step that runs its own process.",
        "流程与自身相关，或子流程步骤调用本流程。",
        "logic",
        "id: IT-002\nsteps:\n  - id: again\n    kind: subprocess\n    process: IT-002",
        "id: IT-002\nsteps:\n  - id: buy-licence\n    kind: subprocess\n    process: PUR-001",
    ),
    # --- who does what ---------------------------------------------------------------------------
    _r(
        "vague-owner",
        ERROR,
        'A role that is no definite owner: "relevant departments", 相关部门， 有关部门 and '
        "the other vague-owner words (more can be added in _handbook.yml).",
        "不明确的责任主体：“相关部门”“有关部门”等含糊说法（可在 _handbook.yml 中补充词语）。",
        "owner",
        "responsible: relevant-departments",
        "responsible: purchasing-manager",
    ),
    _r(
        "no-responsible",
        ERROR,
        "A step without a responsible role.",
        "步骤没有负责岗位。",
        "owner",
        "  - id: approve\n    name: Approve the request\n    next: order",
        "  - id: approve\n    name: Approve the request\n    responsible: line-manager\n    next: order",
    ),
    _r(
        "no-accountable",
        ERROR,
        "A step with several responsible roles and no accountable one.",
        "步骤有多个负责岗位，却没有唯一的批准岗位（A）。",
        "owner",
        "responsible: [buyer, requester]",
        "responsible: [buyer, requester]\naccountable: purchasing-manager",
    ),
    _r(
        "vague-time-limit",
        WARNING,
        'A `within:` that is neither a duration ("2 working days", "3个工作日") nor '
        'a deadline tied to an event or date ("before the meeting", "by the 15th of the month", "提前3天", '
        '"每周"): asap, promptly, in time, 尽快, 及时, 马上, 立即 and the like.',
        "`within:` 既不是时长"
        "（“2 working days”“3个工作日”），也不是相对事件或日期的期限（“会前”“每月15日前”“提前3天”“每周”）："
        "如 asap、尽快、及时、马上、立即。",
        "time",
        "within: asap",
        "within: 2 working days",
    ),
    # --- the flow --------------------------------------------------------------------------------
    _r(
        "step-kind",
        ERROR,
        "A step breaks the rules of its kind: a decision without two branches, a task with "
        "branches, an end with roles or a next step, a sub-process without its process.",
        "步骤不符合其类型：判断少于两个分支、任务带分支、结束步骤有岗位或后续步骤、子流程未指明流程。",
        "symbols",
        "  - id: review\n    kind: decision\n    next: order",
        "  - id: review\n    kind: decision\n    branches:\n"
        "      - {when: approved, next: order}\n      - {when: rejected, next: rejected}",
    ),
    _r(
        "dead-end",
        ERROR,
        "A step that leads nowhere: no `next`, and it is not an end.",
        "走不通的步骤：没有 `next`,也不是结束步骤。",
        "logic",
        "  - id: hand-over\n    responsible: records-clerk",
        "  - id: hand-over\n    responsible: records-clerk\n    next: store",
    ),
    _r(
        "dead-loop",
        ERROR,
        "A loop of steps from which no end can be reached.",
        "死循环：一组步骤循环往复，永远到达不了结束。",
        "logic",
        "  - id: appeal\n    next: appeal",
        "  - id: appeal\n    kind: decision\n    branches:\n      - {when: upheld, next: order}\n"
        "      - {when: dismissed, next: rejected}",
    ),
    _r(
        "unreachable-step",
        ERROR,
        "A step that no `next` or branch leads to from the first step.",
        "从第一步出发，没有任何 `next` 或分支能到达的步骤。",
        "logic",
        "  - id: submit\n    next: done\n  - id: check\n    next: done",
        "  - id: submit\n    next: check\n  - id: check\n    next: done",
    ),
    _r(
        "no-end-step",
        ERROR,
        "The process has no end step.",
        "流程没有结束步骤。",
        "symbols",
        "  - id: file-order\n    next: file-order",
        "  - id: file-order\n    next: ordered\n  - id: ordered\n    kind: end",
    ),
    _r(
        "output-not-produced",
        ERROR,
        "A process output that no step produces — judged only when the steps declare "
        "their `outputs` (a file written without step outputs is not asked for them).",
        "流程输出没有任何步骤产出（只在步骤写了 `outputs` 时判断；没写步骤输出的文件不作要求）。",
        "logic",
        "outputs: [Purchase order]\nsteps:\n  - id: compare-quotes\n    outputs: [Quote comparison]",
        "outputs: [Purchase order]\nsteps:\n  - id: issue-order\n    outputs: [Purchase order]",
    ),
    _r(
        "too-many-steps",
        WARNING,
        "More steps than a readable flowchart holds (60).",
        "步骤多于一张流程图能清楚展示的数量(60）。",
        "symbols",
        "steps: [... 75 steps ...]",
        "steps:\n  - id: prepare\n    kind: subprocess\n    process: PUR-002",
    ),
    # --- change and review -------------------------------------------------------------------------
    _r(
        "version-not-in-changelog",
        ERROR,
        "The process's `version` has no change-log entry.",
        "流程的 `version` 在变更记录中没有对应条目。",
        "change",
        'version: "2.1"\nchangelog:\n  - {version: "2.0", ...}',
        'version: "2.1"\nchangelog:\n  - {version: "2.0", ...}\n  - {version: "2.1", ...}',
    ),
    _r(
        "changelog-order",
        ERROR,
        "Change-log entries out of order: a version not higher, or a date earlier, than the entry before.",
        "变更记录顺序错误：版本不高于或日期早于前一条。",
        "change",
        'changelog:\n  - {version: "2.0", date: 2026-03-01}\n  - {version: "1.5", date: 2026-01-10}',
        'changelog:\n  - {version: "1.5", date: 2026-01-10}\n  - {version: "2.0", date: 2026-03-01}',
    ),
    _r(
        "future-date",
        ERROR,
        "A change-log date or last review date in the future.",
        "变更日期或上次评审日期在未来。",
        "change",
        "review: {every: 12 months, last: 2099-01-01}",
        "review: {every: 12 months, last: 2026-03-01}",
    ),
    _r(
        "no-review",
        WARNING,
        "An effective process without a periodic review.",
        "生效的流程没有定期评审安排。",
        "change",
        "status: effective",
        "status: effective\nreview: {every: 12 months, last: 2026-03-01}",
    ),
    _r(
        "review-interval",
        ERROR,
        "`review.every` is not a whole number of days, weeks, months or years.",
        "`review.every` 不是整数的天、周、月或年。",
        "change",
        "review: {every: often, last: 2026-03-01}",
        "review: {every: 12 months, last: 2026-03-01}",
    ),
    _r(
        "review-overdue",
        WARNING,
        "The periodic review is overdue.",
        "定期评审已逾期。",
        "change",
        "review: {every: 12 months, last: 2024-01-15}",
        "review: {every: 12 months, last: 2026-01-15}",
    ),
    _r(
        "kpi-without-target",
        WARNING,
        "A KPI without a target.",
        "指标没有目标值。",
        "kpi",
        "kpis:\n  - {id: cycle-time, name: Cycle time, unit: working days}",
        "kpis:\n  - {id: cycle-time, name: Cycle time, unit: working days, target: 3, goal: 2}",
    ),
    # --- files and folders -------------------------------------------------------------------------
    _r(
        "byte-order-mark",
        WARNING,
        "The file starts with a byte-order mark.",
        "文件以字节顺序标记（BOM）开头。",
        "readable",
        '(saved as "UTF-8 with BOM")',
        '(saved as "UTF-8")',
    ),
    _r(
        "catalog-place",
        WARNING,
        "A file starting with '_' below the top of the handbook, or a catalog name the tool does not know.",
        "以“_”开头的文件不在手册文件夹顶层，或目录文件名无法识别。",
        "names",
        "processes/purchasing/_roles.yml",
        "processes/_roles.yml",
    ),
    _r(
        "folder-link",
        WARNING,
        "A link to a folder inside the handbook: it is not followed.",
        "指向手册内文件夹的链接：不会被读取。",
        "readable",
        "processes/buying -> purchasing",
        "processes/purchasing/  (one folder, no link)",
    ),
    # --- reading paths (_onboarding.yml) -------------------------------------------------------------
    _r(
        "reading-path",
        ERROR,
        "A reading-path entry that cannot be followed: neither or both of process and page, "
        "a page path outside docs/, a reading path named as a page, a department no role belongs to.",
        "无法执行的阅读路径条目：流程和页面都没写或都写了、页面路径在 docs/ 之外、把阅读路径当页面、部门不存在。",
        "onboarding",
        "items:\n  - {process: PUR-001, page: how-to-edit.md}",
        "items:\n  - {process: PUR-001}\n  - {page: how-to-edit.md}",
    ),
    _r(
        "missing-page",
        ERROR,
        "A reading path names a page that is not in docs/.",
        "阅读路径中的页面在 docs/ 中不存在。",
        "onboarding",
        "items:\n  - {page: how-to-edti.md}",
        "items:\n  - {page: how-to-edit.md}",
    ),
    _r(
        "reading-path-redundant",
        WARNING,
        "A reading-path entry that says nothing new: listed twice, a retired process, a title on a process item.",
        "多余的阅读路径条目：重复列出、已废止的流程、给流程条目写标题。",
        "onboarding",
        "items:\n  - {process: PUR-001}\n  - {process: PUR-001}",
        "items:\n  - {process: PUR-001}",
    ),
    # --- the pull-request check (`process-manual check`) ---------------------------------------------
    _r(
        "version-not-raised",
        ERROR,
        "The content changed but the version did not.",
        "内容变了，版本号没变。",
        "change",
        'version: "2.1"   # steps changed',
        'version: "2.2"\nchangelog:\n  - ...\n  - {version: "2.2", ...}',
        fixed=True,
        check_only=True,
    ),
    _r(
        "version-lowered",
        ERROR,
        "The version went down.",
        "版本号降低了。",
        "change",
        'version: "1.9"   # was 2.1',
        'version: "2.2"',
        fixed=True,
        check_only=True,
    ),
    _r(
        "changelog-not-updated",
        ERROR,
        "A new version without a new, newest change-log entry.",
        "新版本没有新增的、位于最后的变更记录。",
        "change",
        'version: "2.2"\nchangelog:\n  - {version: "2.1", ...}',
        'version: "2.2"\nchangelog:\n  - {version: "2.1", ...}\n  - {version: "2.2", ...}',
        fixed=True,
        check_only=True,
    ),
    _r(
        "changelog-entry-removed",
        ERROR,
        "A released change-log entry was removed.",
        "删除了已发布的变更记录。",
        "change",
        'changelog:\n  - {version: "2.1", ...}   # 2.0 deleted',
        'changelog:\n  - {version: "2.0", ...}\n  - {version: "2.1", ...}',
        fixed=True,
        check_only=True,
    ),
    _r(
        "id-changed",
        ERROR,
        "A process's id (its document number) changed.",
        "流程编号（文件编号）被修改。",
        "change",
        "id: PUR-002   # was PUR-001",
        "id: PUR-001",
        fixed=True,
        check_only=True,
    ),
    _r(
        "deleted-before-retired",
        ERROR,
        "A process file was deleted before it was released as retired.",
        "流程文件在以“已废止”发布之前就被删除。",
        "change",
        "git rm purchase-request.yml   # status: effective",
        "status: retired   # first; delete the file in a later change",
        fixed=True,
        check_only=True,
    ),
    # --- a handbook in several languages (_handbook.yml `languages:`) -------------------------------
    _r(
        "translation-shape",
        ERROR,
        "A translation file holds something other than texts keyed like its source (a list where a text "
        "belongs, an empty value), or is not a mapping.",
        "译文文件里不是按原文结构排列的文字（该写文字处写了列表、空值），或文件不是映射。",
        "languages",
        "# order-intake.en.yml\ntitle: [Order intake]",
        "# order-intake.en.yml\ntitle: Order intake",
    ),
    _r(
        "orphan-translation",
        WARNING,
        "A translation of a text, step or file the source does not have (renamed, removed, or a typo).",
        "译文对应的文字、步骤或文件在原文中不存在（已改名、已删除或拼写错误）。",
        "languages",
        "# order-intake.en.yml\nsteps:\n  recieve: {name: Receive the order}",
        "# order-intake.en.yml\nsteps:\n  receive: {name: Receive the order}",
    ),
    _r(
        "stale-translation",
        WARNING,
        "The source text has changed since it was translated: the translation may say something else now.",
        "原文在翻译之后已修改：译文可能已与原文不符。",
        "languages",
        "# order-intake.yml now says: title: 订单受理与评审\ntitle: Order intake\ntranslated-from: {title: 5f1c09a2}",
        "title: Order intake and review\ntranslated-from: {title: 0b7d42e1}   # process-manual translations --accept",
    ),
    _r(
        "unrecorded-translation",
        WARNING,
        "A translated text does not record which source text it translates, so a later change of the source "
        "cannot be found.",
        "译文没有记录它翻译的是哪一版原文，原文以后修改时无法发现。",
        "languages",
        "title: Order intake",
        "title: Order intake\ntranslated-from: {title: 5f1c09a2}   # process-manual translations --accept",
    ),
)

RULE_LIST += tuple(
    _r(m.id, m.severity, m.en, m.zh, m.principle, m.bad, m.good) for m in METHOD_RULES
)  # the rules mined from the method's sources (method_rules.py)

RULES: dict[str, Rule] = {rule.id: rule for rule in RULE_LIST}


def make_problem(rule_id: str, path: str, line: int, column: int, message: str, fix: str = "") -> Problem:
    """A problem of `rule_id`, at the rule's default severity (a handbook's policy may change it later)."""
    return Problem(path, line, column, RULES[rule_id].severity, message, fix, rule_id)
