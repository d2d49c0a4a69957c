"""A synthetic handbook of N processes shaped like real ones, deterministic from a seed.

8–40 steps with decisions and loops back, 3–8 roles per process, forms, KPIs, 3–10 change-log
entries; half the processes in English, half in Chinese; spread over an area tree of 8 domains
with 5 groups each (groups that get no process are left out). Every file it writes passes
`process-manual validate`. With `largest_first`,
process 0 has the largest shape (40 steps, a step for each of 8 roles): the benchmark draws it.

    python benchmarks/generate.py --count 1000 --seed 1 --out /tmp/handbook
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import yaml

DOMAINS = 8
GROUPS_PER_DOMAIN = 5
ROLE_COUNT = 60
FORM_COUNT = 120
EN_VERBS = ["Prepare", "Check", "Approve", "Review", "Record", "Send", "Confirm", "Plan", "Assess", "Update"]
EN_OBJECTS = ["the request", "the order", "the contract", "the report", "the schedule", "the budget",
              "the minutes", "the invoice", "the training plan", "the supplier list"]
ZH_VERBS = ["准备", "核对", "审批", "评审", "登记", "发送", "确认", "计划", "评估", "更新"]
ZH_OBJECTS = ["申请", "订单", "合同", "报告", "日程", "预算", "会议纪要", "发票", "培训计划", "供应商名单"]
EN_LIMITS = ["1 working day", "2 working days", "24 hours", "3 days before the meeting", "1 week"]
ZH_LIMITS = ["1个工作日", "2个工作日", "24小时", "提前3天", "1周"]


def _catalogs(rng: random.Random) -> dict[str, dict]:
    roles = [{"id": f"role-{i:02d}", "name": f"Role {i:02d} 岗位{i:02d}", "department": f"dept-{i % 12:02d}"}
             for i in range(ROLE_COUNT)]
    forms = [{"id": f"form-{i:03d}", "name": f"Form {i:03d} 表单{i:03d}", "owner": rng.choice(roles)["id"],
              "retention": f"{rng.randint(1, 10)} years", "naming": "TYPE-YEAR-NUMBER"} for i in range(FORM_COUNT)]
    areas = [{"id": f"d{d}", "name": f"Domain {d} 领域{d}", "owner": rng.choice(roles)["id"],
              "children": [{"id": f"d{d}-g{g}", "name": f"Group {d}.{g} 分组{d}.{g}", "owner": rng.choice(roles)["id"]}
                           for g in range(GROUPS_PER_DOMAIN)]} for d in range(DOMAINS)]
    terms = [{"term": f"Term {i}", "definition": f"Definition of term {i}."} for i in range(30)]
    return {"_roles.yml": {"roles": roles}, "_forms.yml": {"forms": forms}, "_areas.yml": {"areas": areas},
            "_glossary.yml": {"terms": terms}}


def _steps(rng: random.Random, chinese: bool, roles: list[str], largest: bool) -> list[dict]:
    count = 40 if largest else rng.randint(8, 40)
    verbs, objects = (ZH_VERBS, ZH_OBJECTS) if chinese else (EN_VERBS, EN_OBJECTS)
    limits = ZH_LIMITS if chinese else EN_LIMITS
    steps: list[dict] = []
    # Each step its own name, each role one RACI letter per step: what the validator asks of a real handbook.
    names = rng.sample([(verb, obj) for verb in verbs for obj in objects], count - 1)
    for i, (verb, obj) in enumerate(names):
        step: dict = {"id": f"s{i:02d}", "name": f"{verb}{obj}" if chinese else f"{verb} {obj}",
                      "responsible": roles[i] if largest and i < len(roles) else rng.choice(roles)}
        others = [role for role in roles if role != step["responsible"]]
        if rng.random() < 0.6:
            step["within"] = rng.choice(limits)
        if rng.random() < 0.4:
            step["forms"] = [f"form-{rng.randrange(FORM_COUNT):03d}"]
        if rng.random() < 0.3:
            step["consulted"] = [rng.choice(others)]
        if rng.random() < 0.3:
            step["informed"] = [rng.choice([role for role in others if role not in step.get("consulted", [])])]
        step["details"] = ("按规定完成本步骤，并记录结果。" if chinese else
                           "Do this step as described and **record** the result in the form.")
        # A decision every few steps: go on, or loop back to an earlier step for rework.
        if 2 <= i < count - 2 and rng.random() < 0.2:
            step["kind"] = "decision"
            back = f"s{rng.randrange(0, i):02d}"
            step["branches"] = ([{"when": "通过", "next": f"s{i + 1:02d}"}, {"when": "退回修改", "next": back}] if chinese
                                else [{"when": "approved", "next": f"s{i + 1:02d}"},
                                      {"when": "returned", "next": back}])
        elif rng.random() < 0.08:
            step["kind"] = "archive"
            step["next"] = f"s{i + 1:02d}"
        else:
            step["next"] = f"s{i + 1:02d}"
        steps.append(step)
    steps.append({"id": f"s{count - 1:02d}", "kind": "end", "name": "结束" if chinese else "Done"})
    return steps


def _process(rng: random.Random, index: int, today: dt.date, largest: bool = False) -> tuple[str, dict]:
    chinese = index % 2 == 1
    domain, group = rng.randrange(DOMAINS), rng.randrange(GROUPS_PER_DOMAIN)
    roles = rng.sample([f"role-{i:02d}" for i in range(ROLE_COUNT)], 8 if largest else rng.randint(3, 8))
    entries = rng.randint(3, 10)
    first = today - dt.timedelta(days=rng.randint(400, 2000))
    dates = sorted(first + dt.timedelta(days=rng.randint(0, 380)) for _ in range(entries))
    changelog = [{"version": f"{n + 1}.0", "date": d.isoformat(), "author": "作者" if chinese else "Author",
                  "approved_by": "批准人" if chinese else "Approver",
                  "change": "修订流程步骤。" if chinese else "Revised the steps.", "request": f"CR-{d.year}-{n:03d}"}
                 for n, d in enumerate(dates)]
    kpis = [{"id": f"k{k}", "name": f"指标{k}" if chinese else f"Indicator {k}",
             "definition": "定义" if chinese else "How it is measured.", "formula": "a / b × 100%",
             "unit": "%", "target": 90 + k, "goal": 95 + k, "frequency": "monthly", "owner": roles[0]}
            for k in range(rng.randint(1, 3))]
    process = {
        "id": f"P{domain}{group}-{index:04d}",
        "title": (f"流程{index:04d}：{rng.choice(ZH_OBJECTS)}管理" if chinese
                  else f"Process {index:04d}: {rng.choice(EN_OBJECTS)} management"),
        "area": f"d{domain}-g{group}", "version": changelog[-1]["version"], "status": "effective",
        "owner": roles[0], "effective": changelog[-1]["date"],
        "review": {"every": "2 years", "last": (today - dt.timedelta(days=rng.randint(0, 300))).isoformat()},
        "purpose": "规范本流程。" if chinese else "Make this work repeatable and traceable.",
        "scope": "全公司。" if chinese else "The whole company.",
        "triggers": ["收到申请" if chinese else "A request arrives"],
        "steps": _steps(rng, chinese, roles, largest), "kpis": kpis,
        "faq": [{"q": "谁负责？" if chinese else "Who owns this?", "a": "流程负责人。" if chinese else "The process owner."}],
        "changelog": changelog,
    }
    return f"d{domain}-g{group}/process-{index:04d}.yml", process


def generate(count: int, seed: int, out: Path, today: dt.date | None = None, largest_first: bool = False) -> list[Path]:
    """Write the catalogs and `count` process files under `out`; returns the process files."""
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 1)
    out.mkdir(parents=True, exist_ok=True)
    catalogs = _catalogs(rng)
    written, processes = [], []
    for index in range(count):
        relative, process = _process(rng, index, today, largest=largest_first and index == 0)
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(process, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written.append(path)
        processes.append(process)
    _keep_what_is_used(catalogs, processes)
    for name, data in catalogs.items():
        (out / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return written


def _keep_what_is_used(catalogs: dict[str, dict], processes: list[dict]) -> None:
    """The catalogs keep the areas, forms and roles the processes use: the validator reports the others."""
    areas = {p["area"] for p in processes}
    forms = {form for p in processes for step in p["steps"] for form in step.get("forms", [])}
    for domain in catalogs["_areas.yml"]["areas"]:
        domain["children"] = [group for group in domain["children"] if group["id"] in areas]
    catalogs["_areas.yml"]["areas"] = [domain for domain in catalogs["_areas.yml"]["areas"] if domain["children"]]
    catalogs["_forms.yml"]["forms"] = [form for form in catalogs["_forms.yml"]["forms"] if form["id"] in forms]
    roles = {p["owner"] for p in processes} | {kpi["owner"] for p in processes for kpi in p["kpis"]}
    roles |= {role for p in processes for step in p["steps"] for key in ("responsible", "consulted", "informed")
              for role in ([step[key]] if isinstance(step.get(key), str) else step.get(key, []))}
    roles |= {form["owner"] for form in catalogs["_forms.yml"]["forms"]}
    roles |= {area["owner"] for domain in catalogs["_areas.yml"]["areas"] for area in [domain, *domain["children"]]}
    catalogs["_roles.yml"]["roles"] = [role for role in catalogs["_roles.yml"]["roles"] if role["id"] in roles]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    files = generate(args.count, args.seed, args.out)
    print(f"wrote {len(files)} processes to {args.out}")


if __name__ == "__main__":
    main()
