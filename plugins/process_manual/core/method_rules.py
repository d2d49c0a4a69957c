"""The rules mined from the method's sources and from RACI and document-control practice (issue 23).

Each entry is declared like the rules of :mod:`.rules` (which appends them to its table): a stable id, the
default severity, the principle, what it finds in English, simplified and traditional Chinese, and a bad
and a good example. Where each rule comes from, and which rules of the sources are not checked and why,
is reference/rule-inventory.md (tests/test_rule_inventory.py keeps it equal to the table).

Rules that can flag a file written before them to the contract, where the file may be good practice, are
warnings; rules that find a contradiction no good file has are errors.
"""

from __future__ import annotations

from dataclasses import dataclass

from process_manual.core.problems import Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class MethodRule:
    id: str
    severity: Severity
    principle: str
    en: str
    zh: str
    zh_hant: str
    bad: str
    good: str


METHOD_RULES: tuple[MethodRule, ...] = (
    # --- change control and approval -----------------------------------------------------------------
    MethodRule(
        "unapproved-version",
        WARNING,
        "change",
        "The version in force was released without an approver: the newest change-log entry of a process that "
        "is not a draft has no `approved_by`.",
        "现行版本发布时没有批准人：非草稿流程的最新变更记录没有写 `approved_by`。",
        "現行版本發布時沒有批准人：非草稿流程的最新變更記錄沒有寫 `approved_by`。",
        'status: effective\nchangelog:\n  - {version: "2.1", date: 2026-03-01, author: Li Wei,\n'
        "     change: Second review within 1 working day}",
        'status: effective\nchangelog:\n  - {version: "2.1", date: 2026-03-01, author: Li Wei,\n'
        "     approved_by: Chen Li, change: Second review within 1 working day}",
    ),
    MethodRule(
        "self-approved",
        WARNING,
        "change",
        "A change approved by its own author: `approved_by` names the entry's `author`.",
        "变更由编写人自己批准：`approved_by` 与该条记录的 `author` 是同一人。",
        "變更由編寫人自己批准：`approved_by` 與該條記錄的 `author` 是同一人。",
        'changelog:\n  - {version: "2.0", date: 2025-06-16, author: 王敏（行政经理）,\n     approved_by: 王敏, ...}',
        'changelog:\n  - {version: "2.0", date: 2025-06-16, author: 王敏（行政经理）,\n'
        "     approved_by: 陈立（总经理）, ...}",
    ),
    MethodRule(
        "change-without-request",
        WARNING,
        "change",
        "A released process was changed without a change request: the newest change-log entry (after the "
        "first version) has no `request`.",
        "已发布的流程未经变更申请就被修改：最新的变更记录（首版之后）没有写 `request`。",
        "已發布的流程未經變更申請就被修改：最新的變更記錄（首版之後）沒有寫 `request`。",
        'changelog:\n  - {version: "1.0", ..., request: CR-2025-001}\n  - {version: "1.1", date: 2025-06-01, '
        "author: Buyer,\n     approved_by: COO, change: Three quotes required}",
        'changelog:\n  - {version: "1.0", ..., request: CR-2025-001}\n  - {version: "1.1", date: 2025-06-01, '
        "author: Buyer,\n     approved_by: COO, change: Three quotes required, request: CR-2025-007}",
    ),
    MethodRule(
        "effective-before-approval",
        ERROR,
        "change",
        "`effective` is earlier than the first change-log entry: the process would have been in force before "
        "any version of it was approved.",
        "`effective` 早于第一条变更记录：流程在任何版本获批之前就已生效。",
        "`effective` 早於第一條變更記錄：流程在任何版本獲批之前就已生效。",
        'effective: 2024-01-01\nchangelog:\n  - {version: "1.0", date: 2024-04-01, ...}',
        'effective: 2024-04-01\nchangelog:\n  - {version: "1.0", date: 2024-04-01, ...}',
    ),
    # --- the life cycle: draft, effective, retired -----------------------------------------------------
    MethodRule(
        "no-effective-date",
        WARNING,
        "lifecycle",
        "A process in force (`status: effective`) does not say since when (`effective:`).",
        "生效的流程（`status: effective`）没有写明生效日期（`effective:`）。",
        "生效的流程（`status: effective`）沒有寫明生效日期（`effective:`）。",
        'version: "1.0"\nstatus: effective',
        'version: "1.0"\nstatus: effective\neffective: 2026-03-01',
    ),
    MethodRule(
        "draft-past-effective",
        WARNING,
        "lifecycle",
        "A draft whose `effective` date has passed: a draft is not in force, so either it was approved "
        "(`status: effective`) or its date is wrong.",
        "草稿的 `effective` 日期已过：草稿并未生效，要么它已获批准（`status: effective`），要么日期有误。",
        "草稿的 `effective` 日期已過：草稿並未生效，要麼它已獲批准（`status: effective`），要麼日期有誤。",
        "status: draft\neffective: 2026-03-01   # today is later",
        "status: draft\neffective: 2027-01-01   # the planned date, still to come",
    ),
    MethodRule(
        "retired-in-use",
        ERROR,
        "lifecycle",
        "A process still in use runs a retired process as a sub-process or names it under `related`; reported "
        "at the reference and at the retired process's `status`.",
        "仍在使用的流程把已废止的流程作为子流程调用或列在 `related` 中；在引用处和被废止流程的 `status` 处报告。",
        "仍在使用的流程把已廢止的流程作為子流程呼叫或列在 `related` 中；在引用處和被廢止流程的 `status` 處報告。",
        "# IT-002 (effective)\n  - id: buy-licence\n    kind: subprocess\n    process: PUR-001   # status: retired",
        "# IT-002 (effective)\n  - id: buy-licence\n    kind: subprocess\n    process: PUR-004   # its successor",
    ),
    MethodRule(
        "draft-in-use",
        WARNING,
        "lifecycle",
        "A process in force runs a draft as a sub-process or names it under `related`: the draft does not apply "
        "yet and has no published page; reported at the reference and at the draft's `status`.",
        "生效的流程把草稿作为子流程调用或列在 `related` 中：草稿尚未适用，也没有发布的页面；在引用处和草稿的 "
        "`status` 处报告。",
        "生效的流程把草稿作為子流程呼叫或列在 `related` 中：草稿尚未適用，也沒有發布的頁面；在引用處和草稿的 "
        "`status` 處報告。",
        "# IT-002 (effective)\nrelated: [PUR-009]   # status: draft",
        "# IT-002 (effective)\nrelated: [PUR-001]   # status: effective",
    ),
    # --- decision logic --------------------------------------------------------------------------------
    MethodRule(
        "decision-without-choice",
        ERROR,
        "logic",
        "A decision that decides nothing: every branch leads to the same step, or a branch leads back to the "
        "decision itself.",
        "不做选择的判断：所有分支都通向同一个步骤，或某个分支又回到判断本身。",
        "不做選擇的判斷：所有分支都通向同一個步驟，或某個分支又回到判斷本身。",
        "  - id: review\n    kind: decision\n    branches:\n      - {when: approved, next: order}\n"
        "      - {when: approved with remarks, next: order}",
        "  - id: review\n    kind: decision\n    branches:\n      - {when: approved, next: order}\n"
        "      - {when: rejected, next: rejected}",
    ),
    MethodRule(
        "input-without-output",
        ERROR,
        "logic",
        "A process with `inputs` and no `outputs`: something goes in and nothing comes out (只有输入没有输出).",
        "流程有 `inputs` 却没有 `outputs`：只有输入没有输出。",
        "流程有 `inputs` 卻沒有 `outputs`：只有輸入沒有輸出。",
        "inputs: [Description of the need]",
        "inputs: [Description of the need]\noutputs: [Signed purchase order]",
    ),
    # --- RACI ------------------------------------------------------------------------------------------
    MethodRule(
        "raci-conflict",
        ERROR,
        "owner",
        "A role with two letters at one step (responsible or accountable and also consulted or informed, or "
        "consulted and informed), or named twice in one letter; responsible and accountable may be one role.",
        "同一角色在一个步骤中担任两种职责（负责或批准，同时又被咨询或知会；或既被咨询又被知会），"
        "或在同一职责中出现两次；负责与批准可以是同一角色。",
        "同一角色在一個步驟中擔任兩種職責（負責或批准，同時又被諮詢或知會；或既被諮詢又被知會），"
        "或在同一職責中出現兩次；負責與批准可以是同一角色。",
        "  - id: plan\n    responsible: meeting-organizer\n    accountable: dept-head\n    consulted: [dept-head]",
        "  - id: plan\n    responsible: meeting-organizer\n    accountable: dept-head",
    ),
    # --- catalog hygiene -------------------------------------------------------------------------------
    MethodRule(
        "unused-role",
        WARNING,
        "names",
        "A role of _roles.yml that no process, form, area, KPI, reading path or change-log entry names.",
        "_roles.yml 中的角色没有被任何流程、表单、领域、指标、阅读路径或变更记录用到。",
        "_roles.yml 中的角色沒有被任何流程、表單、領域、指標、閱讀路徑或變更記錄用到。",
        "roles:\n  - {id: archivist, name: Archivist}   # named nowhere",
        "roles:\n  - {id: records-clerk, name: Records clerk}   # responsible: records-clerk",
    ),
    MethodRule(
        "unused-form",
        WARNING,
        "names",
        "A form of _forms.yml that no step uses.",
        "_forms.yml 中的表单没有被任何步骤使用。",
        "_forms.yml 中的表單沒有被任何步驟使用。",
        "forms:\n  - {id: old-request, name: Old request form}   # no step lists it",
        "forms:\n  - {id: purchase-request, name: Purchase request form}   # forms: [purchase-request]",
    ),
    MethodRule(
        "unused-area",
        WARNING,
        "architecture",
        "A leaf area of _areas.yml that holds no process: a gap in the architecture, or an area no longer needed.",
        "_areas.yml 中最末一级的领域下没有任何流程：流程架构有缺口，或该领域已不再需要。",
        "_areas.yml 中最末一級的領域下沒有任何流程：流程架構有缺口，或該領域已不再需要。",
        "  - id: support\n    children:\n      - {id: legal, name: Legal}   # no process has area: legal",
        "  - id: support\n    children:\n      - {id: purchasing, name: Purchasing}   # area: purchasing",
    ),
    MethodRule(
        "duplicate-term",
        ERROR,
        "names",
        "The glossary contradicts itself: a term defined twice, a name that is both a standard term and a "
        "synonym to avoid, or one synonym under two terms.",
        "术语表自相矛盾：同一术语定义两次、某个名称既是标准术语又是应避免的同义词，或同一同义词列在两个术语下。",
        "術語表自相矛盾：同一術語定義兩次、某個名稱既是標準術語又是應避免的同義詞，或同一同義詞列在兩個術語下。",
        "terms:\n  - {term: 会议纪要, definition: ..., synonyms: [会议记录]}\n  - {term: 会议记录, definition: ...}",
        "terms:\n  - {term: 会议纪要, definition: ..., synonyms: [会议记录]}",
    ),
    MethodRule(
        "duplicate-name",
        WARNING,
        "names",
        "Two things with one name: two processes with one title, two roles or two forms with one name, two "
        "steps or two KPIs of a process with one name.",
        "两样东西同名：两个流程标题相同、两个角色或两个表单名称相同、同一流程中两个步骤或两个指标名称相同。",
        "兩樣東西同名：兩個流程標題相同、兩個角色或兩個表單名稱相同、同一流程中兩個步驟或兩個指標名稱相同。",
        "  - {id: first-review, name: Review}\n  - {id: second-review, name: Review}",
        "  - {id: first-review, name: Department head review}\n"
        "  - {id: second-review, name: Administration manager review}",
    ),
    # --- wording ---------------------------------------------------------------------------------------
    MethodRule(
        "non-standard-term",
        WARNING,
        "names",
        "A name (process title, step, role, form, area or KPI name) uses a word the glossary lists as a "
        "non-standard synonym (`synonyms:`); a word in quotes is a mention and allowed.",
        "名称（流程标题，步骤、角色、表单、领域或指标名称）用了术语表列为非标准说法（`synonyms:`）的词；"
        "引号中的词只是提及，不算。",
        "名稱（流程標題，步驟、角色、表單、領域或指標名稱）用了術語表列為非標準說法（`synonyms:`）的詞；"
        "引號中的詞只是提及，不算。",
        "# _glossary.yml: {term: 变更申请, synonyms: [变更单]}\n  - id: submit\n    name: 提交变更单",
        "# _glossary.yml: {term: 变更申请, synonyms: [变更单]}\n  - id: submit\n    name: 提交变更申请",
    ),
    MethodRule(
        "vague-wording",
        WARNING,
        "owner",
        'A step\'s name or details hands work to a vague owner in words ("relevant departments", 相关部门, '
        "有关部门 and the other vague-owner words); a word in quotes is a mention and allowed.",
        "步骤名称或说明用含糊的说法指派工作（“相关部门”“有关部门”等含糊责任主体词语）；引号中的词只是提及，不算。",
        "步驟名稱或說明用含糊的說法指派工作（「相關部門」「有關部門」等含糊責任主體詞語）；引號中的詞只是提及，不算。",
        "    details: 初审通过后交相关部门会签。",
        "    details: 初审通过后交财务经理会签。",
    ),
    # --- indicators and records ------------------------------------------------------------------------
    MethodRule(
        "kpi-incomplete",
        WARNING,
        "kpi",
        "A KPI without an `owner` or a `frequency`: nobody is charged with measuring it, or not when.",
        "指标没有 `owner` 或 `frequency`：没有人负责统计，或不知道多久统计一次。",
        "指標沒有 `owner` 或 `frequency`：沒有人負責統計，或不知道多久統計一次。",
        "kpis:\n  - {id: cycle-time, name: Cycle time, target: 3}",
        "kpis:\n  - {id: cycle-time, name: Cycle time, target: 3, frequency: monthly,\n     owner: admin-manager}",
    ),
    MethodRule(
        "record-without-retention",
        WARNING,
        "records",
        "A form that an archive step files has no retention period (`retention:` in _forms.yml).",
        "归档步骤保存的表单没有保存期限（_forms.yml 中的 `retention:`）。",
        "歸檔步驟保存的表單沒有保存期限（_forms.yml 中的 `retention:`）。",
        "forms:\n  - {id: minutes, name: Meeting minutes}",
        "forms:\n  - {id: minutes, name: Meeting minutes, retention: 3 years}",
    ),
)
