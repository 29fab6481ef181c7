"""The shipped banks: valid, big enough, varied, consistently tagged, and covering the seeds."""

from __future__ import annotations

import itertools
import re
from collections import Counter

import pytest
import yaml
from prephelp import ROOT

from prepcli.banks.catalog import load_catalog, validate_paths
from prepcli.banks.expr import evaluate
from prepcli.banks.model import AUTO_GRADED

QUESTIONS = ROOT / "questions"
SEEDS = ROOT.parent / "shared" / "seeds"
CORE = {"vit": 40, "detection": 40, "ssl": 40, "gan": 40, "losses": 40}
GROUND = {"cnn": 25, "segmentation": 25, "metrics": 25, "training": 25}


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return load_catalog(shipped=QUESTIONS, user_dirs=[], cache=ROOT / ".pytest_cache" / "banks")


def test_all_shipped_banks_validate_with_unique_ids() -> None:
    n, problems = validate_paths([QUESTIONS])
    assert problems == []
    assert n >= 350


@pytest.mark.parametrize("topic,minimum", sorted({**CORE, **GROUND}.items()))
def test_each_topic_meets_its_size_types_and_spread(catalog, topic: str, minimum: int) -> None:  # type: ignore[no-untyped-def]
    assert topic in catalog.topics, f"no bank for {topic}"
    qs = catalog.topics[topic].questions
    assert len(qs) >= minimum
    types = Counter(q.type for q in qs)
    assert len(types) >= 4, types
    assert sum(types[t] for t in AUTO_GRADED) >= 0.3 * len(qs)
    assert {q.difficulty for q in qs} == {1, 2, 3}
    assert any(q.parametric for q in qs), "every topic has something to compute"


def test_the_whole_catalogue_is_at_least_30_percent_auto_graded(catalog) -> None:  # type: ignore[no-untyped-def]
    qs = catalog.all_questions()
    assert sum(q.auto_graded for q in qs) >= 0.3 * len(qs)


# -- issue 11: hints, sources, self-contained text, anti-guessing (need the rewritten banks) ------


def test_every_shipped_question_has_a_hint_that_does_not_give_the_answer(catalog) -> None:  # type: ignore[no-untyped-def]
    from prepcli.banks.audit import hint_problem

    qs = catalog.all_questions()
    missing = [q.id for q in qs if not q.hint]
    giveaway = [f"{q.id}: {why}" for q in qs if (why := hint_problem(q))]
    assert missing == [], f"{len(missing)} of {len(qs)} questions have no hint: {missing[:20]}"
    assert giveaway == [], "\n".join(giveaway)


USER_TEXT_BANNED = re.compile(r"\bthe notes\b|interview notes|(?<!random )\bseeds?\b|\d{3}_[0-9a-f]{16}",
                              re.IGNORECASE)


def test_no_user_visible_text_refers_to_a_document_the_user_does_not_have(catalog) -> None:  # type: ignore[no-untyped-def]
    found = []
    for q in catalog.all_questions():
        texts = [q.prompt, q.explanation, q.hint or "", *q.choices, *q.key_points, *q.accept]
        texts += [q.answer] if isinstance(q.answer, str) else []
        for text in texts:
            if m := USER_TEXT_BANNED.search(text):
                found.append(f"{q.id}: {m.group(0)!r} in {text[:80]!r}")
    assert found == [], f"{len(found)} texts:\n" + "\n".join(found[:40])


def test_shipped_rules_hold_for_every_question(catalog) -> None:  # type: ignore[no-untyped-def]
    from prepcli.banks.audit import shipped_problems
    from prepcli.banks.sources import load_titles

    titles = load_titles(QUESTIONS / "sources.yaml")
    problems = [f"{q.id}: {p}" for q in catalog.all_questions() for p in shipped_problems(q, titles)]
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:60])


def test_a_user_who_knows_nothing_cannot_score_by_the_shape_of_the_choices(catalog) -> None:  # type: ignore[no-untyped-def]
    from prepcli.banks.balance import balance_report

    report = balance_report(catalog.all_questions())
    print("\n" + "\n".join(report.lines()))  # the figures, shown with `pytest -s`
    assert report.longest_right_share <= 0.30
    for topic, (n, total) in report.longest_right_by_topic.items():
        assert n / total <= 0.40, f"{topic}: right choice is the unique longest in {n}/{total}"
    assert report.longest_strategy <= 0.35
    assert report.overlap_strategy <= 0.35
    assert 0.8 <= report.multi_right_wrong_ratio <= 1.25


def test_every_question_is_sourced_and_explained(catalog) -> None:  # type: ignore[no-untyped-def]
    for q in catalog.all_questions():
        assert q.source, q.id
        if q.type == "open":
            assert q.key_points, q.id
        else:
            assert len(q.explanation) >= 40, f"{q.id}: explanation too thin to teach"


def test_tags_come_from_the_vocabulary(catalog) -> None:  # type: ignore[no-untyped-def]
    # (the README's tag index is checked row by row in test_readme.py)
    vocabulary = yaml.safe_load((QUESTIONS / "tags.yaml").read_text())["tags"]
    used = {t for q in catalog.all_questions() for t in q.tags}
    assert used <= set(vocabulary), sorted(used - set(vocabulary))


def test_every_parametric_question_evaluates_for_all_its_values(catalog) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for q in catalog.all_questions():
        if not q.parametric:
            continue
        names = [n for n, _ in q.params]
        for combo in itertools.product(*(v for _, v in q.params)):
            value = evaluate(q.answer, dict(zip(names, combo)))
            assert value == value and abs(value) < 1e300, q.id
            checked += 1
    assert checked > 100


# -- seed coverage --------------------------------------------------------------------------------

# Every question and exercise of the seeds, by a verbatim quote that locates it. The entries of
# tests/seed_coverage/*.yaml (written with the banks) map quotes to question ids or katas; an item
# here is covered when an entry quotes text inside its section of the seed.
SEED_ITEMS = {
    "000_af215614a78a2d46.txt": None,  # every "Q:" heading, found below
    "001_26d17efa2587ae67.txt": [
        "CNN的感受野", "CNN的参数量计算", "1x1卷积的作用", "Numpy手搓卷积", "ViT的结构描述",
        "手撕ViT的patchify", "IOU计算及手写", "NMS描述及手写", "Focal loss解决的问题",
        "Focal loss公式", "手撕Focal loss", "UNet", "SAM", "DINO的特性是什么", "DINO的自监督学习方式",
        "DINO中softmax的temperature的作用", "DINO中应用于下游任务中是哪个网络", "MAE的主要特点",
        "MAE的模型结构与训练pipeline", "MAE为什么能很好地学到视觉特征", "MAE的encoder和decoder为什么是非对称的结构",
    ],
    "003_f002766135be233e.txt": [
        "**AlexNet**", "**VGG**", "**GoogLeNet/Inception**", "**ResNet**", "**MobileNet**",
        "**ShuffleNet**", "ShuffleBlock的设计", "**0-1损失函数**", "**绝对值损失函数（L1 loss）**",
        "**平方损失函数（L2 loss）**", "**smooth L1 loss**", "### 常用的激活函数", "**dropout训练和测试的区别**",
        "**权重初始化**", "anchor-free存在什么缺点", "* 搭建神经网络", "* 中值滤波", "* sobel滤波器",
        "* 计算iou", "* nms代码", "* soft-nms", "### GAN", "KL散度（Kullback-Leibler Divergence）",
        "JS散度在KL散度的基础上进行了修正", "**原始GAN的loss实际等价于JS散度**", "### SRGAN",
        "深度特征度量图像相似度的有效性——LPIPS", "FID是从原始图像的计算机视觉特征", "去噪 TV Loss", "ESRGAN",
        "GFPGAN", "**PSNR**", "**SSIM**", "### mAP计算方法", "### 方差，协方差",
    ],
}


def _seed_items(name: str, text: str) -> list[str]:
    items = SEED_ITEMS[name]
    if items is None:
        return [line for line in text.splitlines() if line.startswith("Q: ")]
    return items


def _coverage_entries() -> list[dict]:  # type: ignore[type-arg]
    entries = []
    for path in sorted((ROOT / "tests" / "seed_coverage").glob("*.yaml")):
        entries += yaml.safe_load(path.read_text()) or []
    return entries


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds live in ../shared/seeds beside the checkout")
def test_every_seed_item_is_covered_by_a_question_or_kata(catalog) -> None:  # type: ignore[no-untyped-def]
    ids = {q.id for q in catalog.all_questions()}
    katas = {p.name for p in (ROOT / "katas").iterdir() if p.is_dir()}
    entries = _coverage_entries()
    positions: dict[str, list[tuple[int, int]]] = {}
    for e in entries:
        text = (SEEDS / e["seed"]).read_text()
        assert e["item"] in text, f"not a verbatim quote of {e['seed']}: {e['item']!r}"
        for target in e["covered_by"]:
            if str(target).startswith("kata:"):
                assert target[5:] in katas, target
            else:
                assert target in ids, f"{target} (for {e['item']!r}) is not a question id"
        start = text.index(e["item"])
        positions.setdefault(e["seed"], []).append((start, start + len(e["item"])))
    missing = []
    for name in SEED_ITEMS:
        text = (SEEDS / name).read_text()
        items = _seed_items(name, text)
        starts = [text.index(item) for item in items]
        assert starts == sorted(starts), f"keep {name}'s items in seed order"
        bounds = starts[1:] + [len(text)]
        for item, lo, hi in zip(items, starts, bounds):
            # covered when a quoted span overlaps the item's section of the seed
            if not any(a < hi and b > lo for a, b in positions.get(name, [])):
                missing.append(f"{name}: {item}")
    assert missing == [], "seed items without a question or kata:\n" + "\n".join(missing)
