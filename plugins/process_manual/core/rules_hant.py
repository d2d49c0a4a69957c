"""The rules reference in traditional Chinese (Taiwan usage), for handbooks whose language is zh-Hant,
zh-TW or zh-HK: the words of render/rules_page.py, and each rule's and principle's text of rules.py.

Drafted from the simplified texts with OpenCC's phrase-level s2twp table (vocabulary as well as characters:
檔案, 資料夾, 型別), then read through and edited (角色 for roles, as the handbook's labels say). Keep it in
step with rules.py: tests/test_rules_reference.py fails on a rule without its text here."""

from __future__ import annotations

from process_manual.core.method_rules import METHOD_RULES

TITLES: dict[str, str] = {
    "yaml-syntax": "檔案不是可讀的 YAML（語法、製表符、編碼、空檔案、過大或巢狀過深、標籤、合併鍵、別名）。",
    "duplicate-key": "同一對映中某個鍵出現兩次（YAML 會悄悄只保留後一個）。",
    "unknown-key": "流程檔案不認識的鍵（多為拼寫錯誤）。",
    "missing-key": "缺少必填的鍵。",
    "invalid-value": "值的型別或格式不對：該寫列表處寫了文字、編號格式錯誤、日期無效、狀態不存在。",
    "duplicate-id": "編號重複：兩個流程使用同一檔案編號，或步驟、角色、表單、領域、指標、閱讀路徑的編號重複。",
    "missing-catalog": "缺少目錄檔案 _roles.yml、_forms.yml、_areas.yml 或 _glossary.yml。",
    "link-outside-handbook": "檔案或資料夾連結指向手冊資料夾之外。",
    "handbook-policy": "_handbook.yml 寫了不存在的規則、off/warning/error 以外的級別，或試圖放寬始終為錯誤的規則。",
    "unknown-role": "角色編號不在 _roles.yml 中。",
    "unknown-form": "表單編號不在 _forms.yml 中。",
    "unknown-area": "領域編號不在 _areas.yml 中。",
    "area-not-leaf": "流程指向了領域組，而不是最末一級的領域。",
    "unknown-process": "引用了不存在的流程編號（`related`、子流程步驟或閱讀路徑中）。",
    "unknown-step": "步驟編號不是本流程的步驟（`next`、分支或風險中）。",
    "self-reference": "流程與自身相關，或子流程步驟呼叫本流程。",
    "vague-owner": "不明確的責任主體：「相關部門」「有關部門」等含糊說法（可在 _handbook.yml 中補充詞語）。",
    "no-responsible": "步驟沒有負責角色。",
    "no-accountable": "步驟有多個負責角色，卻沒有唯一的批准角色（A）。",
    "vague-time-limit": "`within:` 既不是時長（「2 working days」「3個工作日」），也不是相對事件或日期的期限（「會前」「每月15日前」「提前3天」「每週」）：如 asap、儘快、及時、馬上、立即。",
    "step-kind": "步驟不符合其型別：判斷少於兩個分支、任務帶分支、結束步驟有角色或後續步驟、子流程未指明流程。",
    "dead-end": "走不通的步驟：沒有 `next`,也不是結束步驟。",
    "dead-loop": "死迴圈：一組步驟迴圈往復，永遠到達不了結束。",
    "unreachable-step": "從第一步出發，沒有任何 `next` 或分支能到達的步驟。",
    "no-end-step": "流程沒有結束步驟。",
    "output-not-produced": "流程輸出沒有任何步驟產出（只在步驟寫了 `outputs` 時判斷；沒寫步驟輸出的檔案不作要求）。",
    "too-many-steps": "步驟多於一張流程圖能清楚展示的數量(60）。",
    "version-not-in-changelog": "流程的 `version` 在變更記錄中沒有對應條目。",
    "changelog-order": "變更記錄順序錯誤：版本不高於或日期早於前一條。",
    "future-date": "變更日期或上次評審日期在未來。",
    "no-review": "生效的流程沒有定期評審安排。",
    "review-interval": "`review.every` 不是整數的天、周、月或年。",
    "review-overdue": "定期評審已逾期。",
    "kpi-without-target": "指標沒有目標值。",
    "byte-order-mark": "檔案以位元組順序標記（BOM）開頭。",
    "catalog-place": "以「_」開頭的檔案不在手冊資料夾頂層，或目錄檔名無法識別。",
    "folder-link": "指向手冊內資料夾的連結：不會被讀取。",
    "reading-path": "無法執行的閱讀路徑條目：流程和頁面都沒寫或都寫了、頁面路徑在 docs/ 之外、把閱讀路徑當頁面、部門不存在。",
    "missing-page": "閱讀路徑中的頁面在 docs/ 中不存在。",
    "reading-path-redundant": "多餘的閱讀路徑條目：重複列出、已廢止的流程、給流程條目寫標題。",
    "version-not-raised": "內容變了，版本號沒變。",
    "version-lowered": "版本號降低了。",
    "changelog-not-updated": "新版本沒有新增的、位於最後的變更記錄。",
    "changelog-entry-removed": "刪除了已釋出的變更記錄。",
    "id-changed": "流程編號（檔案編號）被修改。",
    "deleted-before-retired": "流程檔案在以「已廢止」釋出之前就被刪除。",
    "translation-shape": "譯文檔案裡不是按原文結構排列的文字（該寫文字處寫了列表、空值），或檔案不是對映。",
    "orphan-translation": "譯文對應的文字、步驟或檔案在原文中不存在（已改名、已刪除或拼寫錯誤）。",
    "stale-translation": "原文在翻譯之後已修改：譯文可能已與原文不符。",
    "unrecorded-translation": "譯文沒有記錄它翻譯的是哪一版原文，原文以後修改時無法發現。",
    **{rule.id: rule.zh_hant for rule in METHOD_RULES},  # the rules mined from the method's sources
}

PRINCIPLES: dict[str, tuple[str, str]] = {
    "readable": ("可讀取的檔案", "手冊由這些檔案生成：無法讀取的內容既不能檢查，也不能釋出。"),
    "names": ("統一的標準名稱", "名稱統一取自標準名稱字典（術語、角色、表單、領域），同一個詞對所有人含義相同。"),
    "owner": (
        "每個步驟有明確的責任主體",
        "明確責任主體：明確流程負責人和各活動的責任部門，儘量避免使用「相關」「有關」的說法，以免流程出現問題時各部門及責任人相互推諉。",
    ),
    "time": (
        "明確、量化的時限",
        "業務流程規範要明確各環節的操作步驟、時限和責任人，並細化、量化：讀者要能判斷一個步驟是否超時。",
    ),
    "logic": (
        "理清程式",
        "理清程式：理清各活動之間的內在結構和邏輯關係，確認沒有死迴圈、沒有隻有輸入沒有輸出、沒有走不通或到不了的活動。",
    ),
    "symbols": (
        "標準流程圖符號",
        "完整的流程圖使用標準符號：判斷用菱形並標出各出口，活動用方框，子流程用帶側邊的方框，儲存用圓柱，開始和結束用圓角框。",
    ),
    "architecture": ("流程架構", "流程按架構分級（領域 > 流程組 > 流程），每個流程有唯一的負責人。"),
    "kpi": ("指標字典", "流程績效指標記入指標字典：定義、公式、目標值與挑戰值、頻率、負責人。"),
    "change": (
        "受控變更與定期評審",
        "流程經變更申請、稽核批准後以新版本釋出，並定期評審；歷史記錄予以保留（ISO 9001 7.5.2–7.5.3）。",
    ),
    "onboarding": ("新員工閱讀路徑", "新人透過組織的最佳實踐快速成長：閱讀路徑必須指向真實存在的內容。"),
    "lifecycle": (
        "草稿、生效、廢止",
        "流程經起草、批准，以生效日期發布，不再適用時廢止：讀者要能看出今天適用的是哪一版，仍在使用的流程不得依賴已廢止或尚未批准的流程（ISO 9001 7.5.3：使用處可獲得現行版本，防止誤用作廢文件）。",
    ),
    "records": (
        "記錄按規定期限保存",
        "歸檔步驟保存的是記錄：其表單要寫明保存期限，既不過早銷毀，也不無限期保存（ISO 9001 7.5.3.2：保留和處置）。",
    ),
    "languages": (
        "一本手冊，讀者需要的每種語言",
        "流程的結構只在源語言中寫一次；其他語言只翻譯文字，與原文不再一致的譯文會被找出，而不是被預設可信。",
    ),
}

WORDS: dict[str, str] = {
    "title": "檢查規則",
    "intro": "`process-manual validate` 和網站建置報告的每個問題都註明其規則，例如 `error[unknown-role]`。手冊可在流程資料夾的 `_handbook.yml` 中設定規則的級別（`off`、`warning` 或 `error`）；標為「始終為錯誤」的規則不能放寬。錯誤會使建置失敗；使用 `mkdocs build --strict` 時，警告也會。",
    "example": "rules:\n  review-overdue: off\n  vague-time-limit: error\n  unknown-role: warning\nvague_owners: [各相關方]   # 追加到內建詞語",
    "rule": "規則",
    "default": "預設級別",
    "severity": "級別",
    "changed": "本手冊：**{level}**（預設：{default}）",
    "what": "檢查內容",
    "principle": "原則",
    "bad": "錯誤示例",
    "good": "正確示例",
    "error": "錯誤",
    "warning": "警告",
    "off": "關閉",
    "fixed": "始終為錯誤",
    "check_only": "僅 `process-manual check`（合併請求檢查）",
}
